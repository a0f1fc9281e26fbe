/// Validation of `metadata`, as Kubernetes' ValidateObjectMeta.
enum ObjectMetaRules {
    /// Annotations may not exceed 256 KiB in total, as upstream.
    static let totalAnnotationSizeLimit = 256 * 1024

    static func validate(
        _ metadata: ObjectMeta, namespaced: Bool, nameRule: (String) -> [String]
    ) -> [FieldError] {
        let path = FieldPath("metadata")
        var errors: [FieldError] = []
        if let name = metadata.name, !name.isEmpty {
            // A name is one path segment of a store key before it is anything else.
            let problems = NameRules.pathSegment(name) + nameRule(name)
            errors += problems.map { .invalid(path.child("name"), name, $0) }
        } else if (metadata.generateName ?? "").isEmpty {
            errors.append(.required(path.child("name"), "name or generateName is required"))
        }
        if namespaced {
            if let namespace = metadata.namespace, !namespace.isEmpty {
                errors += NameRules.dns1123Label(namespace).map {
                    .invalid(path.child("namespace"), namespace, $0)
                }
            }
        } else if let namespace = metadata.namespace, !namespace.isEmpty {
            errors.append(
                .forbidden(path.child("namespace"), "not allowed on this type"))
        }
        for (key, value) in (metadata.labels ?? [:]).sorted(by: { $0.key < $1.key }) {
            errors += NameRules.qualifiedName(key).map { .invalid(path.child("labels"), key, $0) }
            errors += NameRules.labelValue(value).map {
                .invalid(path.child("labels"), value, $0)
            }
        }
        var annotationBytes = 0
        for (key, value) in (metadata.annotations ?? [:]).sorted(by: { $0.key < $1.key }) {
            errors += NameRules.qualifiedName(key.lowercased()).map {
                .invalid(path.child("annotations"), key, $0)
            }
            annotationBytes += key.utf8.count + value.utf8.count
        }
        errors += PlacementAnnotations.validate(metadata, at: path)
        if annotationBytes > totalAnnotationSizeLimit {
            errors.append(FieldError(.tooLong(maximum: totalAnnotationSizeLimit), path.child("annotations")))
        }
        for (index, finalizer) in (metadata.finalizers ?? []).enumerated() {
            errors += NameRules.qualifiedName(finalizer).map {
                .invalid(path.child("finalizers").index(index), finalizer, $0)
            }
        }
        errors += SimAnnotationRules.validate(metadata.annotations, at: path.child("annotations"))
        return errors
    }
}
