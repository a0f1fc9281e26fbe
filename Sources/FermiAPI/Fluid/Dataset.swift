/// A Fluid Dataset (`data.fluid.io/v1alpha1`): remote data (object storage, HDFS, HTTP, a
/// PVC) mounted under one name and cached near the pods that read it by a bound runtime.
public struct Dataset: StatusHavingObject {
    public static let resource = APIResource(
        group: "data.fluid.io", version: "v1alpha1", kind: "Dataset", plural: "datasets", namespaced: true)

    public var apiVersion = Dataset.resource.apiVersion
    public var kind = Dataset.resource.kind
    public var metadata: ObjectMeta
    public var spec: DatasetSpec
    public var status: DatasetStatus?

    public init(metadata: ObjectMeta, spec: DatasetSpec = DatasetSpec(), status: DatasetStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// NAME UFS TOTAL SIZE CACHED CACHE CAPACITY CACHED PERCENTAGE PHASE AGE, as the CRD prints it.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Ufs Total Size", jsonPath: ".status.ufsTotal"),
            PrinterColumn("Cached", jsonPath: ".status.cacheStates.cached"),
            PrinterColumn("Cache Capacity", jsonPath: ".status.cacheStates.cacheCapacity"),
            PrinterColumn("Cached Percentage", jsonPath: ".status.cacheStates.cachedPercentage"),
            PrinterColumn("Phase", jsonPath: ".status.phase"),
            PrinterColumn("HCFS URL", jsonPath: ".status.hcfs.endpoint", priority: 10),
            PrinterColumn("Total Files", jsonPath: ".status.fileNum", priority: 11),
            .age,
        ]
    }
}

/// What a dataset mounts and where it may be cached.
public struct DatasetSpec: Codable, Hashable, Sendable {
    /// The remote sources, each mounted under the dataset.
    public var mounts: [DatasetMount]?
    /// Who owns the files.
    public var owner: DatasetOwner?
    /// Nodes the cache may be on.
    public var nodeAffinity: CacheableNodeAffinity?
    public var tolerations: [Toleration]?
    /// ReadOnlyMany by default.
    public var accessModes: [String]?
    /// Exclusive (the default: one dataset per node) or Shared.
    public var placement: String?
    /// Where metadata backups are restored from.
    public var dataRestoreLocation: DataRestoreLocation?
    /// The runtime bound to the dataset.
    public var runtimes: [DatasetRuntime]?
    /// Options and encrypted options every mount shares.
    public var sharedOptions: [String: String]?
    public var sharedEncryptOptions: [EncryptOption]?

    public init(mounts: [DatasetMount]? = nil, placement: String? = nil, accessModes: [String]? = nil) {
        self.mounts = mounts
        self.placement = placement
        self.accessModes = accessModes
    }
}

/// One remote source of a dataset.
public struct DatasetMount: Codable, Hashable, Sendable {
    /// The source: `https://...`, `s3://...`, `oss://...`, `hdfs://...`, `pvc://...`, `local://...`.
    public var mountPoint: String?
    public var options: [String: String]?
    /// The mount's name; derived from the mount point when absent.
    public var name: String?
    /// Where it appears inside the dataset; `/name` by default.
    public var path: String?
    public var readOnly: Bool?
    public var shared: Bool?
    /// Options read from secrets (access keys).
    public var encryptOptions: [EncryptOption]?

    public init(mountPoint: String? = nil, name: String? = nil, path: String? = nil) {
        self.mountPoint = mountPoint
        self.name = name
        self.path = path
    }
}

/// An option whose value is in a secret.
public struct EncryptOption: Codable, Hashable, Sendable {
    public var name: String?
    public var valueFrom: EncryptOptionSource?
}

/// The secret key an encrypted option reads.
public struct EncryptOptionSource: Codable, Hashable, Sendable {
    public var secretKeyRef: SecretKeySelector?
}

/// Who owns a dataset's files.
public struct DatasetOwner: Codable, Hashable, Sendable {
    public var uid: Int64?
    public var gid: Int64?
    public var user: String?
    public var group: String?
}

/// Nodes a dataset's cache may be on.
public struct CacheableNodeAffinity: Codable, Hashable, Sendable {
    public var required: NodeSelector?
}

/// Where a dataset's metadata backup is restored from.
public struct DataRestoreLocation: Codable, Hashable, Sendable {
    public var path: String?
    public var nodeName: String?
}

/// The runtime bound to a dataset.
public struct DatasetRuntime: Codable, Hashable, Sendable {
    public var name: String?
    public var namespace: String?
    /// Accelerate.
    public var category: String?
    /// alluxio, jindo, juicefs, ...
    public var type: String?
    public var masterReplicas: Int32?

    public init(name: String? = nil, namespace: String? = nil, category: String? = nil, type: String? = nil, masterReplicas: Int32? = nil) {
        self.name = name
        self.namespace = namespace
        self.category = category
        self.type = type
        self.masterReplicas = masterReplicas
    }
}

/// Where a dataset stands: bound or not, and how much of it is cached.
public struct DatasetStatus: Codable, Hashable, Sendable {
    /// The size of the remote data.
    public var ufsTotal: String?
    /// NotBound, Bound, Failed, DataLoading, Updating, ...
    public var phase: String?
    public var runtimes: [DatasetRuntime]?
    public var conditions: [Condition]?
    /// cached, cacheCapacity, cachedPercentage, lowWaterMark, highWaterMark, cacheHitRatio, ...
    public var cacheStates: [String: String]?
    /// The endpoint Hadoop-compatible clients read from.
    public var hcfs: HCFSStatus?
    public var fileNum: String?
    /// The DataLoad or DataBackup running on the dataset.
    public var dataLoadRef: String?
    public var dataBackupRef: String?
    public var mounts: [DatasetMount]?
    public var operationRef: [String: String]?

    public init(phase: String? = nil, ufsTotal: String? = nil) {
        self.phase = phase
        self.ufsTotal = ufsTotal
    }
}

/// The Hadoop-compatible endpoint of a dataset.
public struct HCFSStatus: Codable, Hashable, Sendable {
    public var endpoint: String?
    public var underlayerFileSystemVersion: String?

    public init(endpoint: String? = nil, underlayerFileSystemVersion: String? = nil) {
        self.endpoint = endpoint
        self.underlayerFileSystemVersion = underlayerFileSystemVersion
    }
}

extension Dataset {
    /// The dataset whose cache this one shares, when its mount point is `dataset://NS/NAME`.
    public var sharedSource: (namespace: String, name: String)? {
        guard let point = spec.mounts?.first?.mountPoint, point.hasPrefix("dataset://") else { return nil }
        let parts = point.dropFirst("dataset://".count).split(separator: "/")
        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }

    /// The mount point schemes Fluid's runtimes understand; `dataset://NS/NAME` shares
    /// another dataset's cache.
    public static let mountSchemes = [
        "local://", "pvc://", "http://", "https://", "s3://", "oss://", "hdfs://", "cos://", "obs://", "gs://",
        "alluxio://", "juicefs://", "ceph://", "nfs://", "ftp://", "dataset://",
    ]
    public static let placements = ["Exclusive", "Shared"]

    /// Mount points required and of a known scheme, mount names unique DNS-1123 labels,
    /// mount paths absolute, known placement and access modes, and valid tolerations.
    public func validate() -> [FieldError] {
        var errors = validateMetadata(nameRule: NameRules.dns1035Label)
        let path = FieldPath("spec")
        var names = Set<String>()
        for (index, mount) in (spec.mounts ?? []).enumerated() {
            let mountPath = path.child("mounts").index(index)
            let point = mount.mountPoint ?? ""
            if point.isEmpty {
                errors.append(.required(mountPath.child("mountPoint")))
            } else if !Self.mountSchemes.contains(where: point.hasPrefix) {
                errors.append(
                    .invalid(mountPath.child("mountPoint"), point, "must start with one of \(Self.mountSchemes.joined(separator: ", "))"))
            }
            if let name = mount.name, !name.isEmpty {
                errors += NameRules.dns1123Label(name).map { .invalid(mountPath.child("name"), name, $0) }
                if !names.insert(name).inserted { errors.append(.duplicate(mountPath.child("name"), name)) }
            }
            if let subPath = mount.path, !subPath.isEmpty, !subPath.hasPrefix("/") {
                errors.append(.invalid(mountPath.child("path"), subPath, "must be an absolute path"))
            }
        }
        if let placement = spec.placement, !Self.placements.contains(placement) {
            errors.append(.notSupported(path.child("placement"), placement, Self.placements))
        }
        let modes = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]
        for (index, mode) in (spec.accessModes ?? []).enumerated() where !modes.contains(mode) {
            errors.append(.notSupported(path.child("accessModes").index(index), mode, modes))
        }
        errors += PodSpecRules.validateTolerations(spec.tolerations ?? [], at: path.child("tolerations"))
        for (index, term) in (spec.nodeAffinity?.required?.nodeSelectorTerms ?? []).enumerated() {
            errors += PodSpecRules.validateNodeSelectorTerm(
                term, at: path.child("nodeAffinity").child("required").child("nodeSelectorTerms").index(index))
        }
        return errors
    }

    /// Fluid's defaults: Exclusive placement, read-only-many access.
    public mutating func setDefaults() {
        if spec.placement == nil { spec.placement = "Exclusive" }
        if spec.accessModes == nil { spec.accessModes = ["ReadOnlyMany"] }
    }
}
