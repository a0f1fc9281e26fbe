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

    public var nodeSelector: [String: String] { rules.nodeSelector }
    public var requiredAffinity: NodeSelector? { rules.requiredAffinity }
    public var tolerations: [Toleration] { rules.tolerations }

    public init(_ pod: Pod) {
        requests = ResourceAmounts(pod.spec.resourceRequests) + ResourceAmounts(milli: ["pods": 1000])
        rules = Rules(
            nodeSelector: pod.spec.nodeSelector ?? [:],
            requiredAffinity: pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
            tolerations: pod.spec.tolerations ?? [])
        dominantResource = requests.names.first(where: AcceleratorResources.contains) ?? "cpu"
    }

    /// What decides where a pod may go, apart from free resources.
    public struct Rules: Hashable, Sendable {
        var nodeSelector: [String: String]
        var requiredAffinity: NodeSelector?
        var tolerations: [Toleration]
    }
}
