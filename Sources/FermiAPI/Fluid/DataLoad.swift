/// A Fluid DataLoad (`data.fluid.io/v1alpha1`): warms a Dataset's cache with some of its
/// paths, once, on a schedule, or on an event.
public struct DataLoad: StatusHavingObject {
    public static let resource = APIResource(
        group: "data.fluid.io", version: "v1alpha1", kind: "DataLoad", plural: "dataloads", namespaced: true)

    public var apiVersion = DataLoad.resource.apiVersion
    public var kind = DataLoad.resource.kind
    public var metadata: ObjectMeta
    public var spec: DataLoadSpec
    public var status: DataLoadStatus?

    public init(metadata: ObjectMeta, spec: DataLoadSpec = DataLoadSpec(), status: DataLoadStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// NAME DATASET PHASE AGE DURATION, as the CRD prints it.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Dataset", jsonPath: ".spec.dataset.name"),
            PrinterColumn("Phase", jsonPath: ".status.phase"),
            .age,
            PrinterColumn("Duration", jsonPath: ".status.duration"),
        ]
    }

    public static let policies = ["Once", "Cron", "OnEvent"]

    /// A dataset named; absolute target paths with at least one replica; a known policy, and
    /// a schedule for Cron.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        let dataset = spec.dataset?.name ?? ""
        if dataset.isEmpty {
            errors.append(.required(path.child("dataset").child("name")))
        } else {
            errors += NameRules.dns1123Subdomain(dataset).map { .invalid(path.child("dataset").child("name"), dataset, $0) }
        }
        for (index, target) in (spec.target ?? []).enumerated() {
            let targetPath = path.child("target").index(index)
            let location = target.path ?? ""
            if !location.hasPrefix("/") { errors.append(.invalid(targetPath.child("path"), location, "must be an absolute path")) }
            if let replicas = target.replicas, replicas < 1 {
                errors.append(.invalid(targetPath.child("replicas"), replicas, "must be greater than or equal to 1"))
            }
        }
        let policy = spec.policy ?? "Once"
        if !Self.policies.contains(policy) { errors.append(.notSupported(path.child("policy"), policy, Self.policies)) }
        if policy == "Cron", (spec.schedule ?? "").isEmpty {
            errors.append(.required(path.child("schedule"), "must be set when policy is Cron"))
        }
        if let ttl = spec.ttlSecondsAfterFinished { errors += PodSpecRules.nonNegative(ttl, at: path.child("ttlSecondsAfterFinished")) }
        errors += PodSpecRules.validateTolerations(spec.tolerations ?? [], at: path.child("tolerations"))
        errors += PodSpecRules.validateAffinity(spec.affinity, at: path.child("affinity"))
        return errors
    }

    /// Fluid's defaults: policy Once, the dataset in the DataLoad's namespace.
    public mutating func setDefaults() {
        if spec.policy == nil { spec.policy = "Once" }
        if spec.dataset != nil, (spec.dataset?.namespace ?? "").isEmpty, let namespace = metadata.namespace {
            spec.dataset?.namespace = namespace
        }
    }
}

/// What to load and when.
public struct DataLoadSpec: Codable, Hashable, Sendable {
    /// The dataset whose cache is warmed.
    public var dataset: TargetDataset?
    /// Whether to load metadata first.
    public var loadMetadata: Bool?
    /// Paths to load and how many cached replicas of each; the whole dataset when absent.
    public var target: [TargetPath]?
    public var options: [String: String]?
    /// Once (the default), Cron or OnEvent.
    public var policy: String?
    /// A cron schedule, for Cron.
    public var schedule: String?
    /// An operation to run after.
    public var runAfter: JSONValue?
    public var ttlSecondsAfterFinished: Int32?
    public var nodeSelector: [String: String]?
    public var affinity: Affinity?
    public var tolerations: [Toleration]?
    public var schedulerName: String?
    public var podMetadata: JSONValue?
    public var imagePullSecrets: [LocalObjectReference]?
    public var resources: ResourceRequirements?

    public init(dataset: TargetDataset? = nil, loadMetadata: Bool? = nil, target: [TargetPath]? = nil, policy: String? = nil) {
        self.dataset = dataset
        self.loadMetadata = loadMetadata
        self.target = target
        self.policy = policy
    }
}

/// The dataset a data operation acts on.
public struct TargetDataset: Codable, Hashable, Sendable {
    public var name: String?
    public var namespace: String?

    public init(name: String? = nil, namespace: String? = nil) {
        self.name = name
        self.namespace = namespace
    }
}

/// A path to load and its cached replicas.
public struct TargetPath: Codable, Hashable, Sendable {
    public var path: String?
    public var replicas: Int32?

    public init(path: String? = nil, replicas: Int32? = nil) {
        self.path = path
        self.replicas = replicas
    }
}

/// Where a DataLoad stands.
public struct DataLoadStatus: Codable, Hashable, Sendable {
    /// Pending, Executing, Complete or Failed.
    public var phase: String?
    public var conditions: [Condition]?
    public var duration: String?
    public var infos: [String: String]?
    public var lastScheduleTime: Timestamp?
    public var lastSuccessfulTime: Timestamp?
    public var nodeAffinity: NodeAffinity?
    public var waitingFor: JSONValue?

    public init(phase: String? = nil, conditions: [Condition]? = nil) {
        self.phase = phase
        self.conditions = conditions
    }
}
