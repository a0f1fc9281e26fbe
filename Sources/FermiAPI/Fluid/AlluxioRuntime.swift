/// A Fluid AlluxioRuntime (`data.fluid.io/v1alpha1`): the Alluxio cache that serves the
/// Dataset of the same name — masters, workers with tiered storage, and FUSE clients.
public struct AlluxioRuntime: StatusHavingObject {
    public static let resource = APIResource(
        group: "data.fluid.io", version: "v1alpha1", kind: "AlluxioRuntime", plural: "alluxioruntimes",
        shortNames: ["alluxio"], namespaced: true)

    public var apiVersion = AlluxioRuntime.resource.apiVersion
    public var kind = AlluxioRuntime.resource.kind
    public var metadata: ObjectMeta
    public var spec: AlluxioRuntimeSpec
    public var status: RuntimeStatus?

    public init(metadata: ObjectMeta, spec: AlluxioRuntimeSpec = AlluxioRuntimeSpec(), status: RuntimeStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// NAME MASTER PHASE WORKER PHASE FUSE PHASE AGE, as the CRD prints it.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Master Phase", jsonPath: ".status.masterPhase"),
            PrinterColumn("Worker Phase", jsonPath: ".status.workerPhase"),
            PrinterColumn("Fuse Phase", jsonPath: ".status.fusePhase"),
            .age,
        ]
    }
}

/// How the cache is built.
public struct AlluxioRuntimeSpec: Codable, Hashable, Sendable {
    public var alluxioVersion: VersionSpec?
    public var master: AlluxioComponent?
    public var jobMaster: AlluxioComponent?
    public var worker: AlluxioComponent?
    public var jobWorker: AlluxioComponent?
    public var apiGateway: AlluxioComponent?
    public var initUsers: JSONValue?
    public var fuse: AlluxioFuse?
    /// Alluxio properties for every component.
    public var properties: [String: String]?
    public var jvmOptions: [String]?
    /// The cache's storage tiers (memory, SSD, HDD) with quotas.
    public var tieredstore: TieredStore?
    /// Replicas and pinning of cached data.
    public var data: DataReplication?
    /// Cache workers; 1 by default.
    public var replicas: Int32?
    public var runAs: JSONValue?
    public var disablePrometheus: Bool?
    /// A ConfigMap of Hadoop configuration.
    public var hadoopConfig: String?
    public var volumes: [Volume]?
    public var podMetadata: JSONValue?
    public var management: JSONValue?
    public var imagePullSecrets: [LocalObjectReference]?

    public init(replicas: Int32? = nil, tieredstore: TieredStore? = nil) {
        self.replicas = replicas
        self.tieredstore = tieredstore
    }
}

/// An image and its tag.
public struct VersionSpec: Codable, Hashable, Sendable {
    public var image: String?
    public var imageTag: String?
    public var imagePullPolicy: String?
}

/// One Alluxio component (master, worker, ...).
public struct AlluxioComponent: Codable, Hashable, Sendable {
    public var replicas: Int32?
    public var jvmOptions: [String]?
    public var properties: [String: String]?
    public var ports: [String: Int32]?
    public var resources: ResourceRequirements?
    public var env: [String: String]?
    public var enabled: Bool?
    public var nodeSelector: [String: String]?
    /// HostNetwork (the default) or ContainerNetwork.
    public var networkMode: String?
    public var podMetadata: JSONValue?
    public var volumeMounts: [VolumeMount]?
}

/// The FUSE client on the nodes that read the dataset.
public struct AlluxioFuse: Codable, Hashable, Sendable {
    public var image: String?
    public var imageTag: String?
    public var imagePullPolicy: String?
    public var jvmOptions: [String]?
    public var properties: [String: String]?
    public var env: [String: String]?
    public var resources: ResourceRequirements?
    public var args: [String]?
    public var global: Bool?
    public var nodeSelector: [String: String]?
    /// OnDemand or OnRuntimeDeleted (the default).
    public var cleanPolicy: String?
    public var networkMode: String?
    public var podMetadata: JSONValue?
    public var volumeMounts: [VolumeMount]?
}

/// The cache's storage tiers.
public struct TieredStore: Codable, Hashable, Sendable {
    public var levels: [Level]?

    public init(levels: [Level]? = nil) {
        self.levels = levels
    }
}

/// One storage tier: a medium, where it is, how much of it, and the eviction watermarks.
public struct Level: Codable, Hashable, Sendable {
    /// MEM, SSD or HDD.
    public var mediumtype: String?
    /// hostPath (the default), emptyDir or ephemeral.
    public var volumeType: String?
    public var volumeSource: JSONValue?
    /// Paths, comma-separated.
    public var path: String?
    /// The tier's size.
    public var quota: Quantity?
    /// One quota per path, comma-separated.
    public var quotaList: String?
    /// Eviction starts above this fraction, as a string ("0.95").
    public var high: String?
    /// Eviction stops below this fraction.
    public var low: String?

    public init(mediumtype: String? = nil, path: String? = nil, quota: Quantity? = nil, high: String? = nil, low: String? = nil) {
        self.mediumtype = mediumtype
        self.path = path
        self.quota = quota
        self.high = high
        self.low = low
    }
}

/// Replicas and pinning of cached data.
public struct DataReplication: Codable, Hashable, Sendable {
    public var replicas: Int32?
    public var pin: Bool?
}

/// Where a runtime stands (Fluid's `RuntimeStatus`).
public struct RuntimeStatus: Codable, Hashable, Sendable {
    public var valueFile: String?
    /// NotReady, PartialReady, Ready.
    public var masterPhase: String?
    public var masterReason: String?
    public var workerPhase: String?
    public var workerReason: String?
    public var desiredWorkerNumberScheduled: Int32?
    public var currentWorkerNumberScheduled: Int32?
    public var workerNumberReady: Int32?
    public var workerNumberAvailable: Int32?
    public var workerNumberUnavailable: Int32?
    public var desiredMasterNumberScheduled: Int32?
    public var currentMasterNumberScheduled: Int32?
    public var masterNumberReady: Int32?
    public var fusePhase: String?
    public var fuseReason: String?
    public var currentFuseNumberScheduled: Int32?
    public var desiredFuseNumberScheduled: Int32?
    public var fuseNumberReady: Int32?
    public var fuseNumberUnavailable: Int32?
    public var fuseNumberAvailable: Int32?
    public var setupDuration: String?
    public var conditions: [Condition]?
    public var cacheStates: [String: String]?
    public var selector: String?
    public var apiGateway: JSONValue?
    public var cacheAffinity: NodeAffinity?
    public var mounts: [DatasetMount]?
    public var mountTime: Timestamp?

    public init(masterPhase: String? = nil, workerPhase: String? = nil, fusePhase: String? = nil) {
        self.masterPhase = masterPhase
        self.workerPhase = workerPhase
        self.fusePhase = fusePhase
    }
}

extension AlluxioRuntime {
    public static let mediumTypes = ["MEM", "SSD", "HDD"]
    public static let volumeTypes = ["hostPath", "emptyDir", "ephemeral"]

    /// Replicas not negative; each tier a known medium and volume type, a path, a quota not
    /// negative, and watermarks in 0–1 with low no more than high; a known FUSE clean policy.
    public func validate() -> [FieldError] {
        var errors = validateMetadata(nameRule: NameRules.dns1035Label)
        let path = FieldPath("spec")
        if let replicas = spec.replicas { errors += PodSpecRules.nonNegative(replicas, at: path.child("replicas")) }
        for (index, level) in (spec.tieredstore?.levels ?? []).enumerated() {
            let levelPath = path.child("tieredstore").child("levels").index(index)
            let medium = level.mediumtype ?? ""
            if !Self.mediumTypes.contains(medium) { errors.append(.notSupported(levelPath.child("mediumtype"), medium, Self.mediumTypes)) }
            if let type = level.volumeType, !Self.volumeTypes.contains(type) {
                errors.append(.notSupported(levelPath.child("volumeType"), type, Self.volumeTypes))
            }
            if (level.path ?? "").isEmpty, level.volumeType != "ephemeral" { errors.append(.required(levelPath.child("path"))) }
            if let quota = level.quota, quota.isNegative {
                errors.append(.invalid(levelPath.child("quota"), quota.description, "must be greater than or equal to 0"))
            }
            if level.quota == nil, level.quotaList == nil { errors.append(.required(levelPath.child("quota"))) }
            let high = level.high.map { Double($0) }
            let low = level.low.map { Double($0) }
            for (field, text, value) in [("high", level.high, high), ("low", level.low, low)] {
                guard let text else { continue }
                if value == nil || !(0...1).contains(value!!) {
                    errors.append(.invalid(levelPath.child(field), text, "must be a number between 0 and 1"))
                }
            }
            if let high = high ?? nil, let low = low ?? nil, low > high {
                errors.append(.invalid(levelPath.child("low"), level.low ?? "", "must be less than or equal to high"))
            }
        }
        if let policy = spec.fuse?.cleanPolicy, !["OnDemand", "OnRuntimeDeleted"].contains(policy) {
            errors.append(.notSupported(path.child("fuse").child("cleanPolicy"), policy, ["OnDemand", "OnRuntimeDeleted"]))
        }
        return errors
    }

    /// Fluid's defaults: one worker, hostPath tiers, FUSE cleaned when the runtime goes.
    public mutating func setDefaults() {
        if spec.replicas == nil { spec.replicas = 1 }
        let levels = spec.tieredstore?.levels?.map { level in
            var level = level
            if level.volumeType == nil { level.volumeType = "hostPath" }
            return level
        }
        if levels != nil { spec.tieredstore?.levels = levels }
        var fuse = spec.fuse ?? AlluxioFuse()
        if fuse.cleanPolicy == nil { fuse.cleanPolicy = "OnRuntimeDeleted" }
        spec.fuse = fuse
    }
}
