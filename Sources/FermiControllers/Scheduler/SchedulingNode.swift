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
    public var used: ResourceAmounts

    public var name: String { node.name }
    public var free: ResourceAmounts { allocatable - used }
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
    }
}

/// What one pod needs of a node: its requests (counting itself against the node's pod
/// limit) and where it may go.
public struct PodNeeds: Hashable, Sendable {
    public var requests: ResourceAmounts
    public var nodeSelector: [String: String]
    public var requiredAffinity: NodeSelector?
    public var tolerations: [Toleration]

    public init(_ pod: Pod) {
        requests = ResourceAmounts(pod.spec.resourceRequests) + ResourceAmounts(milli: ["pods": 1000])
        nodeSelector = pod.spec.nodeSelector ?? [:]
        requiredAffinity = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
        tolerations = pod.spec.tolerations ?? []
    }
}
