import FermiAPI

/// A kind of job Kueue queues: it names a LocalQueue by label, describes itself to Kueue as
/// pod sets, runs only while not suspended, and says by its own conditions when it is done
/// (which sweeps and training schedules read too).
public protocol QueuedJob: APIObject {
    /// How Kueue begins the names of this kind's Workloads (`job`, `pytorchjob`).
    static var workloadPrefix: String { get }
    /// Its pods as Kueue counts them: sets of identical pods.
    var podSets: [PodSet] { get }
    var isSuspended: Bool { get set }
    /// Whether it succeeded and what it said, once it has finished; nil before.
    var completion: (succeeded: Bool, message: String)? { get }
    /// The PriorityClass its pods run at.
    var priorityClassName: String? { get }
    /// Changes the pod template of the named pod set.
    mutating func updateTemplate(ofPodSet name: String, _ change: (inout PodTemplateSpec) -> Void)
}

extension Job: QueuedJob {
    public static let workloadPrefix = "job"

    /// One pod set, `main`, of as many pods as run at once.
    public var podSets: [PodSet] {
        let parallelism = spec.parallelism ?? 1
        let count = spec.completions.map { min($0, parallelism) } ?? parallelism
        return [PodSet(name: "main", template: spec.template, count: count)]
    }

    public var isSuspended: Bool {
        get { spec.suspend == true }
        set { spec.suspend = newValue }
    }

    public var completion: (succeeded: Bool, message: String)? {
        let conditions = status?.conditions ?? []
        if conditions.contains(where: { $0.type == JobConditionType.complete && $0.status == ConditionStatus.true }) {
            return (true, "Job finished successfully")
        }
        if let failed = conditions.first(where: { $0.type == JobConditionType.failed && $0.status == ConditionStatus.true }) {
            return (false, failed.message ?? failed.reason ?? "Job failed")
        }
        return nil
    }

    public var priorityClassName: String? { spec.template?.spec?.priorityClassName }

    public mutating func updateTemplate(ofPodSet name: String, _ change: (inout PodTemplateSpec) -> Void) {
        var template = spec.template ?? PodTemplateSpec()
        change(&template)
        spec.template = template
    }
}

extension PyTorchJob: QueuedJob {
    public static let workloadPrefix = "pytorchjob"

    /// A pod set per replica type, Master first, named in lower case.
    public var podSets: [PodSet] {
        let replicas = spec.pytorchReplicaSpecs ?? [:]
        return replicas.keys.sorted { ($0 == PyTorchReplicaType.master ? 0 : 1, $0) < ($1 == PyTorchReplicaType.master ? 0 : 1, $1) }
            .map { type in PodSet(name: type.lowercased(), template: replicas[type]?.template, count: replicas[type]?.replicas ?? 1) }
    }

    public var isSuspended: Bool {
        get { spec.runPolicy?.suspend == true }
        set {
            var runPolicy = spec.runPolicy ?? RunPolicy()
            runPolicy.suspend = newValue
            spec.runPolicy = runPolicy
        }
    }

    public var completion: (succeeded: Bool, message: String)? {
        let conditions = status?.conditions ?? []
        if let done = conditions.first(where: { $0.type == "Succeeded" && $0.status == ConditionStatus.true }) {
            return (true, done.message ?? "PyTorchJob succeeded")
        }
        if let failed = conditions.first(where: { $0.type == "Failed" && $0.status == ConditionStatus.true }) {
            return (false, failed.message ?? "PyTorchJob failed")
        }
        return nil
    }

    public var priorityClassName: String? {
        spec.runPolicy?.schedulingPolicy?.priorityClass
            ?? podSets.lazy.compactMap { $0.template?.spec?.priorityClassName }.first
    }

    public mutating func updateTemplate(ofPodSet name: String, _ change: (inout PodTemplateSpec) -> Void) {
        guard let type = spec.pytorchReplicaSpecs?.keys.first(where: { $0.lowercased() == name }) else { return }
        var template = spec.pytorchReplicaSpecs?[type]?.template ?? PodTemplateSpec()
        change(&template)
        spec.pytorchReplicaSpecs?[type]?.template = template
    }
}
