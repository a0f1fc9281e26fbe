/// Where a pod may and would rather run (`v1.Affinity`): by node labels, and next to or away
/// from other pods.
public struct Affinity: Codable, Hashable, Sendable {
    public var nodeAffinity: NodeAffinity?
    public var podAffinity: PodAffinity?
    public var podAntiAffinity: PodAntiAffinity?

    public init(
        nodeAffinity: NodeAffinity? = nil, podAffinity: PodAffinity? = nil,
        podAntiAffinity: PodAntiAffinity? = nil
    ) {
        self.nodeAffinity = nodeAffinity
        self.podAffinity = podAffinity
        self.podAntiAffinity = podAntiAffinity
    }
}

/// Which nodes a pod must, and would rather, run on.
public struct NodeAffinity: Codable, Hashable, Sendable {
    /// Nodes the pod may run on: any of the terms must match.
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    /// Nodes the pod would rather run on, each term weighted.
    public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: NodeSelector? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// A node query: a node matches when any of its terms does.
public struct NodeSelector: Codable, Hashable, Sendable {
    public var nodeSelectorTerms: [NodeSelectorTerm]?

    public init(nodeSelectorTerms: [NodeSelectorTerm]? = nil) {
        self.nodeSelectorTerms = nodeSelectorTerms
    }
}

/// A node matches a term when all its requirements hold.
public struct NodeSelectorTerm: Codable, Hashable, Sendable {
    /// Requirements on the node's labels.
    public var matchExpressions: [NodeSelectorRequirement]?
    /// Requirements on the node's fields (`metadata.name`).
    public var matchFields: [NodeSelectorRequirement]?

    public init(
        matchExpressions: [NodeSelectorRequirement]? = nil,
        matchFields: [NodeSelectorRequirement]? = nil
    ) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }
}

/// A requirement on a node label: a key, an operator (In, NotIn, Exists, DoesNotExist, Gt, Lt)
/// and values.
public struct NodeSelectorRequirement: Codable, Hashable, Sendable {
    public var key: String?
    public var `operator`: String?
    /// Values for In and NotIn, none for Exists and DoesNotExist, one integer for Gt and Lt.
    public var values: [String]?

    public init(key: String? = nil, operator: String? = nil, values: [String]? = nil) {
        self.key = key
        self.`operator` = `operator`
        self.values = values
    }
}

/// A node selector term with a weight (1–100) added to the score of nodes that match it.
public struct PreferredSchedulingTerm: Codable, Hashable, Sendable {
    public var weight: Int32?
    public var preference: NodeSelectorTerm?

    public init(weight: Int32? = nil, preference: NodeSelectorTerm? = nil) {
        self.weight = weight
        self.preference = preference
    }
}

/// Pods a pod must, and would rather, run in the same topology domain as.
public struct PodAffinity: Codable, Hashable, Sendable {
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// Pods a pod must not, and would rather not, run in the same topology domain as.
public struct PodAntiAffinity: Codable, Hashable, Sendable {
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// A set of pods, and the topology key (node, zone) that defines "together".
public struct PodAffinityTerm: Codable, Hashable, Sendable {
    /// The pods meant.
    public var labelSelector: LabelSelector?
    /// Namespaces to look in; the pod's own when neither this nor namespaceSelector is set.
    public var namespaces: [String]?
    /// The node label whose value defines a domain, e.g. `topology.kubernetes.io/zone`.
    public var topologyKey: String?
    /// Namespaces to look in, by label.
    public var namespaceSelector: LabelSelector?
    /// Label keys whose values, taken from the incoming pod, are added to labelSelector.
    public var matchLabelKeys: [String]?
    /// Label keys whose values, taken from the incoming pod, must not match.
    public var mismatchLabelKeys: [String]?

    public init(
        labelSelector: LabelSelector? = nil, namespaces: [String]? = nil, topologyKey: String? = nil,
        namespaceSelector: LabelSelector? = nil, matchLabelKeys: [String]? = nil,
        mismatchLabelKeys: [String]? = nil
    ) {
        self.labelSelector = labelSelector
        self.namespaces = namespaces
        self.topologyKey = topologyKey
        self.namespaceSelector = namespaceSelector
        self.matchLabelKeys = matchLabelKeys
        self.mismatchLabelKeys = mismatchLabelKeys
    }
}

/// A pod affinity term with a weight (1–100).
public struct WeightedPodAffinityTerm: Codable, Hashable, Sendable {
    public var weight: Int32?
    public var podAffinityTerm: PodAffinityTerm?

    public init(weight: Int32? = nil, podAffinityTerm: PodAffinityTerm? = nil) {
        self.weight = weight
        self.podAffinityTerm = podAffinityTerm
    }
}

/// A taint a pod tolerates (`v1.Toleration`): matched by key, value and effect.
public struct Toleration: Codable, Hashable, Sendable {
    /// The taint key; empty with operator Exists matches every taint.
    public var key: String?
    /// Equal (the default) or Exists.
    public var `operator`: String?
    /// The taint value for Equal; empty for Exists.
    public var value: String?
    /// NoSchedule, PreferNoSchedule or NoExecute; empty matches every effect.
    public var effect: String?
    /// For NoExecute, how long the pod stays after the taint appears; forever when absent.
    public var tolerationSeconds: Int64?

    public init(
        key: String? = nil, operator: String? = nil, value: String? = nil, effect: String? = nil,
        tolerationSeconds: Int64? = nil
    ) {
        self.key = key
        self.`operator` = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}

/// How a pod's replicas are spread across topology domains (`v1.TopologySpreadConstraint`).
public struct TopologySpreadConstraint: Codable, Hashable, Sendable {
    /// The most the number of matching pods may differ between two domains; > 0.
    public var maxSkew: Int32?
    /// The node label whose value defines a domain.
    public var topologyKey: String?
    /// DoNotSchedule or ScheduleAnyway.
    public var whenUnsatisfiable: String?
    /// The pods counted.
    public var labelSelector: LabelSelector?
    /// The least number of eligible domains; only with DoNotSchedule.
    public var minDomains: Int32?
    /// Honor (the default) or Ignore the pod's node affinity when counting domains.
    public var nodeAffinityPolicy: String?
    /// Honor or Ignore (the default) node taints when counting domains.
    public var nodeTaintsPolicy: String?
    /// Label keys whose values, taken from the incoming pod, select the pods counted.
    public var matchLabelKeys: [String]?

    public init(
        maxSkew: Int32? = nil, topologyKey: String? = nil, whenUnsatisfiable: String? = nil,
        labelSelector: LabelSelector? = nil, minDomains: Int32? = nil,
        nodeAffinityPolicy: String? = nil, nodeTaintsPolicy: String? = nil,
        matchLabelKeys: [String]? = nil
    ) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.labelSelector = labelSelector
        self.minDomains = minDomains
        self.nodeAffinityPolicy = nodeAffinityPolicy
        self.nodeTaintsPolicy = nodeTaintsPolicy
        self.matchLabelKeys = matchLabelKeys
    }
}

/// The operators of a node selector requirement.
public enum NodeSelectorOperator {
    public static let `in` = "In"
    public static let notIn = "NotIn"
    public static let exists = "Exists"
    public static let doesNotExist = "DoesNotExist"
    public static let greaterThan = "Gt"
    public static let lessThan = "Lt"
}

/// The operators of a toleration.
public enum TolerationOperator {
    public static let equal = "Equal"
    public static let exists = "Exists"
    public static let all = [equal, exists]
}
