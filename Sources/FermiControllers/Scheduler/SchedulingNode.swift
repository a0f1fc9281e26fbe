import FermiAPI

/// A node as one scheduling cycle sees it: where it is, whether it takes pods, and what it
/// has left once the pods bound to it are counted.
public struct SchedulingNode: Sendable {
    public let node: Node
    public let zone: String
    public let region: String
    /// The zone's health as its controller reports it (Healthy, Degraded, Down).
    public let zoneHealth: String
    public let isReady: Bool
    public let allocatable: ResourceAmounts
    /// What bound, unfinished pods hold.
    public var used: ResourceAmounts {
        didSet { free = allocatable - used }
    }
    /// What is left: kept, not computed, as placement reads it for every candidate node.
    public private(set) var free: ResourceAmounts

    public var name: String { node.name }
    public var isInDegradedZone: Bool { zoneHealth == ZoneHealth.degraded }

    public init(node: Node, zoneHealth: String, used: ResourceAmounts = .zero) {
        self.node = node
        let labels = node.metadata.labels ?? [:]
        zone = labels[WellKnownLabels.zone] ?? ""
        region = labels[WellKnownLabels.region] ?? ""
        self.zoneHealth = zoneHealth
        isReady = node.isReady
        allocatable = ResourceAmounts(node.status?.allocatable ?? node.status?.capacity)
        self.used = used
        free = allocatable - used
    }
}

/// What one pod needs of a node: its requests (counting itself against the node's pod
/// limit) and where it may go.
public struct PodNeeds: Hashable, Sendable {
    public let requests: ResourceAmounts
    /// What decides where the pod may go, apart from free resources.
    public let rules: Rules
    /// The resource it is packed by: its accelerator when it asks for one, else cpu.
    public let dominantResource: String

    /// The heaviest of the pod's preferred node-affinity terms, which the scheduler tries
    /// first (a dataset's cache, a GPU product it would rather have).
    public let preference: NodeSelectorTerm?

    public var nodeSelector: [String: String] { rules.nodeSelector }
    public var requiredAffinity: NodeSelector? { rules.requiredAffinity }
    public var tolerations: [Toleration] { rules.tolerations }

    /// What `pod` needs; `fallbackPreference` is preferred where the pod states no preference
    /// of its own (the nodes that cache a dataset it reads).
    public init(_ pod: Pod, fallbackPreference: NodeSelectorTerm? = nil) {
        requests = pod.spec.resourceRequestAmounts + ResourceAmounts(milli: ["pods": 1000])
        rules = Rules(
            nodeSelector: pod.spec.nodeSelector ?? [:],
            requiredAffinity: pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
            tolerations: pod.spec.tolerations ?? [])
        dominantResource = requests.names.first(where: AcceleratorResources.contains) ?? "cpu"
        preference = (pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
            .max { ($0.weight ?? 0) < ($1.weight ?? 0) }?.preference ?? fallbackPreference
    }

    private init(requests: ResourceAmounts, rules: Rules, dominantResource: String) {
        self.requests = requests
        self.rules = rules
        self.dominantResource = dominantResource
        preference = nil
    }

    /// These needs with the preference made a requirement: each required term must hold
    /// together with it. Nil when there is no preference.
    public var preferred: PodNeeds? {
        guard let preference else { return nil }
        let terms = rules.requiredAffinity?.nodeSelectorTerms ?? []
        let combined = terms.isEmpty
            ? [preference]
            : terms.map { term in
                NodeSelectorTerm(
                    matchExpressions: (term.matchExpressions ?? []) + (preference.matchExpressions ?? []),
                    matchFields: (term.matchFields ?? []) + (preference.matchFields ?? []))
            }
        var rules = rules
        rules.requiredAffinity = NodeSelector(nodeSelectorTerms: combined)
        return PodNeeds(requests: requests, rules: rules, dominantResource: dominantResource)
    }

    /// What decides where a pod may go, apart from free resources.
    public struct Rules: Hashable, Sendable {
        var nodeSelector: [String: String]
        var requiredAffinity: NodeSelector?
        var tolerations: [Toleration]
    }
}
