/// A Volcano queue (`scheduling.volcano.sh/v1beta1`): a share of the cluster that PodGroups are
/// queued in, with a weight for proportional sharing, a capability (ceiling), a guarantee
/// (floor) and a deserved share that other queues may reclaim.
public struct Queue: StatusHavingObject {
    public static let resource = APIResource(
        group: "scheduling.volcano.sh", version: "v1beta1", kind: "Queue", plural: "queues",
        shortNames: ["q", "queue-v1beta1"], namespaced: false)

    public var apiVersion = Queue.resource.apiVersion
    public var kind = Queue.resource.kind
    public var metadata: ObjectMeta
    public var spec: QueueSpec
    public var status: QueueStatus?

    public init(metadata: ObjectMeta, spec: QueueSpec = QueueSpec(), status: QueueStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What a queue is entitled to.
public struct QueueSpec: Codable, Hashable, Sendable {
    /// The queue's share relative to its siblings when resources are divided; ≥ 1.
    public var weight: Int32?
    /// The most the queue may use.
    public var capability: ResourceList?
    /// Whether other queues may reclaim what this queue uses beyond its deserved share.
    public var reclaimable: Bool?
    /// Clusters the queue's jobs may be sent to (multi-cluster scheduling).
    public var extendClusters: [QueueCluster]?
    /// Resources reserved for this queue alone.
    public var guarantee: QueueGuarantee?
    /// Which node groups the queue's pods may (or may not) run on.
    public var affinity: QueueAffinity?
    /// The queue's type, for schedulers that distinguish them.
    public var type: String?
    /// The parent queue, for hierarchical queues.
    public var parent: String?
    /// The share the queue deserves; what it uses beyond this can be reclaimed.
    public var deserved: ResourceList?
    /// The queue's priority when queues compete for reclaim.
    public var priority: Int32?

    public init(
        weight: Int32? = nil, capability: ResourceList? = nil, reclaimable: Bool? = nil,
        guarantee: QueueGuarantee? = nil, deserved: ResourceList? = nil, parent: String? = nil
    ) {
        self.weight = weight
        self.capability = capability
        self.reclaimable = reclaimable
        self.guarantee = guarantee
        self.deserved = deserved
        self.parent = parent
    }
}

/// One cluster a queue may use, with its weight and capacity.
public struct QueueCluster: Codable, Hashable, Sendable {
    public var name: String?
    public var weight: Int32?
    public var capacity: ResourceList?
}

/// Resources reserved for a queue.
public struct QueueGuarantee: Codable, Hashable, Sendable {
    public var resource: ResourceList?

    public init(resource: ResourceList? = nil) {
        self.resource = resource
    }
}

/// Node-group affinity of a queue's pods.
public struct QueueAffinity: Codable, Hashable, Sendable {
    public var nodeGroupAffinity: NodeGroupAffinity?
    public var nodeGroupAntiAffinity: NodeGroupAffinity?
}

/// Node groups required or preferred (or, as anti-affinity, avoided).
public struct NodeGroupAffinity: Codable, Hashable, Sendable {
    public var requiredDuringSchedulingIgnoredDuringExecution: [String]?
    public var preferredDuringSchedulingIgnoredDuringExecution: [String]?
}

/// What a queue holds now, as the scheduler reports it.
public struct QueueStatus: Codable, Hashable, Sendable {
    /// Open, Closed, Closing or Unknown.
    public var state: String?
    /// PodGroups in the queue by phase.
    public var unknown: Int32?
    public var pending: Int32?
    public var running: Int32?
    public var inqueue: Int32?
    public var completed: Int32?
    /// Resources reserved for the queue's jobs on particular nodes.
    public var reservation: QueueReservation?
    /// Resources allocated to the queue's running pods.
    public var allocated: ResourceList?

    public init(state: String? = nil) {
        self.state = state
    }
}

/// Nodes and resources reserved for a queue.
public struct QueueReservation: Codable, Hashable, Sendable {
    public var nodes: [String]?
    public var resource: ResourceList?
}

/// The states a Volcano queue can be in.
public enum QueueState {
    public static let open = "Open"
    public static let closed = "Closed"
    public static let closing = "Closing"
    public static let unknown = "Unknown"
    public static let all = [open, closed, closing, unknown]
}
