/// Events are the kind written most (several for every pod), and Codable's containers were
/// most of the cost of writing one: they write their JSON directly. Metadata with owner
/// references or managed fields, which recorders never set, is left to Codable.
extension Event: CompactJSONWritable {
    public func compactJSONBytes() -> [UInt8]? {
        guard metadata.ownerReferences == nil, metadata.managedFields == nil else { return nil }
        var object = CompactJSONObject()
        object.add("apiVersion", apiVersion)
        object.add("kind", kind)
        object.add("metadata", object: Self.json(metadata))
        object.add("involvedObject", object: involvedObject.map(Self.json))
        object.add("reason", reason)
        object.add("message", message)
        object.add("source", object: source.map { source in
            var object = CompactJSONObject()
            object.add("component", source.component)
            object.add("host", source.host)
            return object
        })
        object.add("firstTimestamp", firstTimestamp?.description)
        object.add("lastTimestamp", lastTimestamp?.description)
        object.add("count", count)
        object.add("type", type)
        object.add("eventTime", eventTime?.description)
        object.add("series", object: series.map { series in
            var object = CompactJSONObject()
            object.add("count", series.count)
            object.add("lastObservedTime", series.lastObservedTime?.description)
            return object
        })
        object.add("action", action)
        object.add("related", object: related.map(Self.json))
        object.add("reportingComponent", reportingComponent)
        object.add("reportingInstance", reportingInstance)
        return object.bytes()
    }

    private static func json(_ metadata: ObjectMeta) -> CompactJSONObject {
        var object = CompactJSONObject()
        object.add("name", metadata.name)
        object.add("generateName", metadata.generateName)
        object.add("namespace", metadata.namespace)
        object.add("uid", metadata.uid)
        object.add("resourceVersion", metadata.resourceVersion)
        object.add("generation", metadata.generation)
        object.add("creationTimestamp", metadata.creationTimestamp?.description)
        object.add("deletionTimestamp", metadata.deletionTimestamp?.description)
        object.add("deletionGracePeriodSeconds", metadata.deletionGracePeriodSeconds)
        object.add("labels", metadata.labels)
        object.add("annotations", metadata.annotations)
        object.add("finalizers", metadata.finalizers)
        return object
    }

    private static func json(_ reference: ObjectReference) -> CompactJSONObject {
        var object = CompactJSONObject()
        object.add("kind", reference.kind)
        object.add("namespace", reference.namespace)
        object.add("name", reference.name)
        object.add("uid", reference.uid)
        object.add("apiVersion", reference.apiVersion)
        object.add("resourceVersion", reference.resourceVersion)
        object.add("fieldPath", reference.fieldPath)
        return object
    }
}
