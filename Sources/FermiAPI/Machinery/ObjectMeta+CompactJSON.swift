/// Every stored object has metadata, and Codable's containers cost more than the fields they
/// hold: metadata writes its members directly (see `CompactJSONEncoder`), every field as Codable
/// would, in key order.
extension ObjectMeta {
    func writeMembers(to object: inout CompactJSONObject) throws {
        object.add("annotations", annotations)
        object.add("creationTimestamp", creationTimestamp?.description)
        object.add("deletionGracePeriodSeconds", deletionGracePeriodSeconds)
        object.add("deletionTimestamp", deletionTimestamp?.description)
        object.add("finalizers", finalizers)
        object.add("generateName", generateName)
        object.add("generation", generation)
        object.add("labels", labels)
        try object.add("managedFields", encoding: managedFields)
        object.add("name", name)
        object.add("namespace", namespace)
        object.add("ownerReferences", objects: ownerReferences) { reference, object in
            object.add("apiVersion", reference.apiVersion)
            object.add("blockOwnerDeletion", reference.blockOwnerDeletion)
            object.add("controller", reference.controller)
            object.add("kind", reference.kind)
            object.add("name", reference.name)
            object.add("uid", reference.uid)
        }
        object.add("resourceVersion", resourceVersion)
        object.add("uid", uid)
    }
}
