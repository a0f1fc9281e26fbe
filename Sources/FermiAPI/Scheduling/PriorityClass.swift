/// A PriorityClass (`scheduling.k8s.io/v1`): a named priority that pods take by
/// `priorityClassName`; higher values are scheduled first and may preempt lower ones.
public struct PriorityClass: APIObject {
    public static let resource = APIResource(
        group: "scheduling.k8s.io", version: "v1", kind: "PriorityClass", plural: "priorityclasses",
        shortNames: ["pc"], namespaced: false, hasStatus: false)

    public var apiVersion = PriorityClass.resource.apiVersion
    public var kind = PriorityClass.resource.kind
    public var metadata: ObjectMeta
    /// The priority of pods in the class; at most 1000000000 for user-defined classes.
    public var value: Int32?
    /// Whether pods without a priorityClassName get this class; at most one class may be.
    public var globalDefault: Bool?
    /// When to use the class, for people.
    public var description: String?
    /// PreemptLowerPriority (the default) or Never.
    public var preemptionPolicy: String?

    public init(
        metadata: ObjectMeta, value: Int32? = nil, globalDefault: Bool? = nil,
        description: String? = nil, preemptionPolicy: String? = nil
    ) {
        self.metadata = metadata
        self.value = value
        self.globalDefault = globalDefault
        self.description = description
        self.preemptionPolicy = preemptionPolicy
    }
}

/// Whether pods of a class may preempt pods of lower priority.
public enum PreemptionPolicy {
    public static let preemptLowerPriority = "PreemptLowerPriority"
    public static let never = "Never"
    public static let all = [preemptLowerPriority, never]
}

extension PriorityClass {
    /// The highest value a user-defined class may have.
    public static let highestUserDefinablePriority: Int32 = 1_000_000_000
    /// The prefix reserved for the system's own classes.
    public static let systemPrefix = "system-"
    /// The system's own classes and their values: only these may use the `system-` prefix.
    public static let systemClasses: [String: Int32] = [
        "system-cluster-critical": 2 * highestUserDefinablePriority,
        "system-node-critical": 2 * highestUserDefinablePriority + 1000,
    ]
}
