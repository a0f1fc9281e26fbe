/// Events are the kind written most (several for every pod), and Codable's containers were
/// most of the cost of writing one: they write their JSON directly, members in key order.
/// Metadata with owner references or managed fields, which recorders never set, is left to
/// Codable.
extension Event: CompactJSONWritable {
    public func compactJSONBytes() -> [UInt8]? {
        guard metadata.ownerReferences == nil, metadata.managedFields == nil else { return nil }
        var object = CompactJSONObject()
        object.add("action", action)
        object.add("apiVersion", apiVersion)
        object.add("count", count)
        object.add("eventTime", eventTime?.description)
        object.add("firstTimestamp", firstTimestamp?.description)
        object.add("involvedObject", object: involvedObject, Self.write)
        object.add("kind", kind)
        object.add("lastTimestamp", lastTimestamp?.description)
        object.add("message", message)
        object.add("metadata", object: metadata, Self.write)
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
        return object.bytes()
    }

    private static func write(_ metadata: ObjectMeta, to object: inout CompactJSONObject) {
        object.add("annotations", metadata.annotations)
        object.add("creationTimestamp", metadata.creationTimestamp?.description)
        object.add("deletionGracePeriodSeconds", metadata.deletionGracePeriodSeconds)
        object.add("deletionTimestamp", metadata.deletionTimestamp?.description)
        object.add("finalizers", metadata.finalizers)
        object.add("generateName", metadata.generateName)
        object.add("generation", metadata.generation)
        object.add("labels", metadata.labels)
        object.add("name", metadata.name)
        object.add("namespace", metadata.namespace)
        object.add("resourceVersion", metadata.resourceVersion)
        object.add("uid", metadata.uid)
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
