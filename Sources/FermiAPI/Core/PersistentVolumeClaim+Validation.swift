import Foundation

extension PersistentVolumeClaim {
    /// Upstream's rules for claims: at least one known access mode (ReadWriteOncePod alone),
    /// a positive `storage` request, valid class names and data sources.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        errors += validateAccessModes(at: path.child("accessModes"))
        let storagePath = path.child("resources").key("storage")
        if let storage = spec.resources?.requests?["storage"] {
            if storage.value <= 0 {
                errors.append(.invalid(storagePath, storage.text, "must be greater than zero"))
            }
        } else {
            errors.append(.required(storagePath))
        }
        for (name, value) in [
            ("storageClassName", spec.storageClassName),
            ("volumeAttributesClassName", spec.volumeAttributesClassName),
        ] {
            guard let value, !value.isEmpty else { continue }
            errors += NameRules.dns1123Subdomain(value).map { .invalid(path.child(name), value, $0) }
        }
        if let mode = spec.volumeMode, !PersistentVolumeMode.all.contains(mode) {
            errors.append(.notSupported(path.child("volumeMode"), mode, PersistentVolumeMode.all))
        }
        errors += validateDataSources(at: path)
        return errors
    }

    private func validateAccessModes(at path: FieldPath) -> [FieldError] {
        let modes = spec.accessModes ?? []
        guard !modes.isEmpty else { return [.required(path, "at least 1 access mode is required")] }
        var errors: [FieldError] = []
        for mode in modes where !PersistentVolumeAccessMode.all.contains(mode) {
            errors.append(.notSupported(path, mode, PersistentVolumeAccessMode.all))
        }
        if modes.contains(PersistentVolumeAccessMode.readWriteOncePod),
            modes.contains(where: { $0 != PersistentVolumeAccessMode.readWriteOncePod && PersistentVolumeAccessMode.all.contains($0) })
        {
            errors.append(.forbidden(path, "may not use ReadWriteOncePod with other access modes"))
        }
        return errors
    }

    private func validateDataSources(at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let source = spec.dataSource
        let sourceRef = spec.dataSourceRef
        if let source {
            errors += Self.validateDataSource(
                apiGroup: source.apiGroup, kind: source.kind, name: source.name,
                at: path.child("dataSource"))
        }
        if let sourceRef {
            let refPath = path.child("dataSourceRef")
            errors += Self.validateDataSource(
                apiGroup: sourceRef.apiGroup, kind: sourceRef.kind, name: sourceRef.name, at: refPath)
            if let namespace = sourceRef.namespace, !namespace.isEmpty {
                errors += NameRules.dns1123Label(namespace).map {
                    .invalid(refPath.child("namespace"), namespace, $0)
                }
            }
        }
        guard let source, let sourceRef else { return errors }
        if let namespace = sourceRef.namespace, !namespace.isEmpty {
            errors.append(
                FieldError(
                    .invalid(value: "spec.dataSource"), path,
                    "may not be specified when dataSourceRef.namespace is specified"))
        } else if (source.apiGroup ?? "") != (sourceRef.apiGroup ?? "") || source.kind != sourceRef.kind
            || source.name != sourceRef.name
        {
            errors.append(FieldError(.invalid(value: "spec.dataSource"), path, "must match dataSourceRef"))
        }
        return errors
    }

    /// A data source names its kind and object, and is a claim unless it names an API group.
    private static func validateDataSource(
        apiGroup: String?, kind: String?, name: String?, at path: FieldPath
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if (name ?? "").isEmpty { errors.append(.required(path.child("name"))) }
        if (kind ?? "").isEmpty { errors.append(.required(path.child("kind"))) }
        let group = apiGroup ?? ""
        if group.isEmpty, kind != PersistentVolumeClaim.resource.kind {
            errors.append(
                .invalid(path, kind ?? "", "must be 'PersistentVolumeClaim' when referencing the default apiGroup"))
        }
        if !group.isEmpty {
            errors += NameRules.dns1123Subdomain(group).map { .invalid(path.child("apiGroup"), group, $0) }
        }
        return errors
    }
}
