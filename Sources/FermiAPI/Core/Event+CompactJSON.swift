/// Events are the kind written most (several for every pod), and Codable's containers were
/// most of the cost of writing one: they write their members directly (see
/// `CompactJSONEncoder`), in key order.
extension Event {
    func writeMembers(to object: inout CompactJSONObject) throws {
        object.add("action", action)
        object.add("apiVersion", apiVersion)
        object.add("count", count)
        object.add("eventTime", eventTime?.description)
        object.add("firstTimestamp", firstTimestamp?.description)
        object.add("involvedObject", object: involvedObject, Self.write)
        object.add("kind", kind)
        object.add("lastTimestamp", lastTimestamp?.description)
        object.add("message", message)
        try object.add("metadata", object: metadata) { try $0.writeMembers(to: &$1) }
        object.add("reason", reason)
        object.add("related", object: related, Self.write)
        object.add("reportingComponent", reportingComponent)
        object.add("reportingInstance", reportingInstance)
        object.add("series", object: series) { series, object in
            object.add("count", series.count)
            object.add("lastObservedTime", series.lastObservedTime?.description)
        }
        object.add("source", object: source) { source, object in
            object.add("component", source.component)
            object.add("host", source.host)
        }
        object.add("type", type)
    }

    private static func write(_ reference: ObjectReference, to object: inout CompactJSONObject) {
        object.add("apiVersion", reference.apiVersion)
        object.add("fieldPath", reference.fieldPath)
        object.add("kind", reference.kind)
        object.add("name", reference.name)
        object.add("namespace", reference.namespace)
        object.add("resourceVersion", reference.resourceVersion)
        object.add("uid", reference.uid)
    }
}
