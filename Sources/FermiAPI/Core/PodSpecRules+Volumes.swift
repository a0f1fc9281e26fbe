extension PodSpecRules {
    /// The pod's volumes, by name, and what is wrong with them: each has a unique DNS-label
    /// name and exactly one source, and each source its required fields (upstream's
    /// `ValidateVolumes`).
    static func validateVolumes(_ volumes: [Volume], at path: FieldPath) -> ([String: Volume], [FieldError]) {
        var byName: [String: Volume] = [:]
        var errors: [FieldError] = []
        for (index, volume) in volumes.enumerated() {
            let itemPath = path.index(index)
            let name = volume.name ?? ""
            if name.isEmpty {
                errors.append(.required(itemPath.child("name")))
            } else {
                errors += NameRules.dns1123Label(name).map { .invalid(itemPath.child("name"), name, $0) }
            }
            if byName[name] != nil {
                errors.append(.duplicate(itemPath.child("name"), name))
            } else if !name.isEmpty {
                byName[name] = volume
            }
            errors += validateVolumeSource(volume, at: itemPath)
        }
        return (byName, errors)
    }

    /// Exactly one source, and that source's own rules.
    private static func validateVolumeSource(_ volume: Volume, at path: FieldPath) -> [FieldError] {
        let sources = volume.setSourceNames
        if sources.isEmpty {
            return [.required(path, "must specify a volume type")]
        }
        if sources.count > 1 {
            return [.forbidden(path.child(sources[1]), "may not specify more than 1 volume type")]
        }
        var errors: [FieldError] = []
        if let hostPath = volume.hostPath {
            let sourcePath = path.child("hostPath")
            if (hostPath.path ?? "").isEmpty { errors.append(.required(sourcePath.child("path"))) }
            if let type = hostPath.type, !HostPathType.all.contains(type) {
                errors.append(.notSupported(sourcePath.child("type"), type, HostPathType.all))
            }
        }
        if let emptyDir = volume.emptyDir, let limit = emptyDir.sizeLimit, limit.isNegative {
            errors.append(
                .invalid(path.child("emptyDir").child("sizeLimit"), limit.description, "must be greater than or equal to 0"))
        }
        if let claim = volume.persistentVolumeClaim, (claim.claimName ?? "").isEmpty {
            errors.append(.required(path.child("persistentVolumeClaim").child("claimName")))
        }
        if let secret = volume.secret {
            let sourcePath = path.child("secret")
            if (secret.secretName ?? "").isEmpty { errors.append(.required(sourcePath.child("secretName"))) }
            errors += validateMode(secret.defaultMode, at: sourcePath.child("defaultMode"))
            errors += validateKeyToPaths(secret.items ?? [], at: sourcePath.child("items"))
        }
        if let configMap = volume.configMap {
            let sourcePath = path.child("configMap")
            if (configMap.name ?? "").isEmpty { errors.append(.required(sourcePath.child("name"))) }
            errors += validateMode(configMap.defaultMode, at: sourcePath.child("defaultMode"))
            errors += validateKeyToPaths(configMap.items ?? [], at: sourcePath.child("items"))
        }
        if let nfs = volume.nfs {
            let sourcePath = path.child("nfs")
            if (nfs.server ?? "").isEmpty { errors.append(.required(sourcePath.child("server"))) }
            let exportPath = nfs.path ?? ""
            if exportPath.isEmpty {
                errors.append(.required(sourcePath.child("path")))
            } else if !exportPath.hasPrefix("/") {
                errors.append(.invalid(sourcePath.child("path"), exportPath, "must be an absolute path"))
            }
        }
        if let csi = volume.csi, (csi.driver ?? "").isEmpty {
            errors.append(.required(path.child("csi").child("driver")))
        }
        if let ephemeral = volume.ephemeral, ephemeral.volumeClaimTemplate == nil {
            errors.append(.required(path.child("ephemeral").child("volumeClaimTemplate")))
        }
        if let image = volume.image, (image.reference ?? "").isEmpty {
            errors.append(.required(path.child("image").child("reference")))
        }
        if let downwardAPI = volume.downwardAPI {
            errors += validateMode(downwardAPI.defaultMode, at: path.child("downwardAPI").child("defaultMode"))
            for (index, file) in (downwardAPI.items ?? []).enumerated() {
                let filePath = path.child("downwardAPI").child("items").index(index).child("path")
                let relative = file.path ?? ""
                if relative.isEmpty { errors.append(.required(filePath)) }
                errors += validateLocalDescendingPath(relative, at: filePath)
            }
        }
        return errors
    }

    /// Items projected from a secret or config map: a key, and a relative path that stays
    /// inside the volume.
    private static func validateKeyToPaths(_ items: [KeyToPath], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.index(index)
            if (item.key ?? "").isEmpty { errors.append(.required(itemPath.child("key"))) }
            let relative = item.path ?? ""
            if relative.isEmpty {
                errors.append(.required(itemPath.child("path")))
            } else {
                errors += validateLocalDescendingPath(relative, at: itemPath.child("path"))
            }
            errors += validateMode(item.mode, at: itemPath.child("mode"))
        }
        return errors
    }

    /// File mode bits are 0–0777 (0–511 in decimal, as the manifest usually writes them).
    private static func validateMode(_ mode: Int32?, at path: FieldPath) -> [FieldError] {
        guard let mode, mode < 0 || mode > 0o777 else { return [] }
        return [.invalid(path, mode, "must be a number between 0 and 0777 (octal), both inclusive")]
    }
}

extension Volume {
    /// The names of the sources this volume sets, in declaration order.
    var setSourceNames: [String] {
        let sources: [(String, Bool)] = [
            ("hostPath", hostPath != nil), ("emptyDir", emptyDir != nil), ("secret", secret != nil),
            ("nfs", nfs != nil), ("persistentVolumeClaim", persistentVolumeClaim != nil),
            ("downwardAPI", downwardAPI != nil), ("configMap", configMap != nil), ("projected", projected != nil),
            ("csi", csi != nil), ("ephemeral", ephemeral != nil), ("image", image != nil),
            ("gcePersistentDisk", gcePersistentDisk != nil), ("awsElasticBlockStore", awsElasticBlockStore != nil),
            ("gitRepo", gitRepo != nil), ("iscsi", iscsi != nil), ("glusterfs", glusterfs != nil), ("rbd", rbd != nil),
            ("flexVolume", flexVolume != nil), ("cinder", cinder != nil), ("cephfs", cephfs != nil),
            ("flocker", flocker != nil), ("fc", fc != nil), ("azureFile", azureFile != nil),
            ("vsphereVolume", vsphereVolume != nil), ("quobyte", quobyte != nil), ("azureDisk", azureDisk != nil),
            ("photonPersistentDisk", photonPersistentDisk != nil), ("portworxVolume", portworxVolume != nil),
            ("scaleIO", scaleIO != nil), ("storageos", storageos != nil),
        ]
        return sources.filter(\.1).map(\.0)
    }
}
