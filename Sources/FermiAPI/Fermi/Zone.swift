/// A zone of the simulated cluster (`fermi.dev/v1alpha1`): the region it is in, its health,
/// and how far it is, in network latency, from its own nodes and from the other zones.
/// Marking a zone Down fails every node in it; Degraded slows it.
public struct Zone: StatusHavingObject {
    public static let resource = APIResource(
        group: "fermi.dev", version: "v1alpha1", kind: "Zone", plural: "zones", shortNames: ["zn"],
        namespaced: false)

    public var apiVersion = Zone.resource.apiVersion
    public var kind = Zone.resource.kind
    public var metadata: ObjectMeta
    public var spec: ZoneSpec
    public var status: ZoneStatus?

    public init(metadata: ObjectMeta, spec: ZoneSpec = ZoneSpec(), status: ZoneStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// Where a zone is and how it is.
public struct ZoneSpec: Codable, Hashable, Sendable {
    /// The region the zone is in (`cn-beijing`).
    public var region: String?
    /// Healthy, Degraded or Down; Healthy by default.
    public var health: String?
    /// Network latency between two nodes inside the zone, as a Go duration (`1.2ms`).
    public var latency: String?
    /// Network latency from this zone to each other zone.
    public var peers: [ZonePeer]?

    public init(region: String? = nil, health: String? = nil, latency: String? = nil, peers: [ZonePeer]? = nil) {
        self.region = region
        self.health = health
        self.latency = latency
        self.peers = peers
    }
}

/// The network latency from one zone to another.
public struct ZonePeer: Codable, Hashable, Sendable {
    /// The other zone's name.
    public var zone: String?
    /// One-way latency to it, as a Go duration (`8.5ms`).
    public var latency: String?

    public init(zone: String? = nil, latency: String? = nil) {
        self.zone = zone
        self.latency = latency
    }
}

/// What a zone holds now, as the simulator reports it.
public struct ZoneStatus: Codable, Hashable, Sendable {
    /// The generation of the spec this status describes.
    public var observedGeneration: Int64?
    /// The health the simulator applies now (it follows spec.health and injected faults).
    public var health: String?
    /// Nodes in the zone, and how many are Ready.
    public var nodes: Int32?
    public var readyNodes: Int32?
    /// GPUs on the zone's nodes, and how many are allocated to pods.
    public var totalGPUs: Int32?
    public var allocatedGPUs: Int32?
    /// When the health last changed.
    public var lastTransitionTime: Timestamp?
    /// Available while the zone takes pods.
    public var conditions: [Condition]?

    public init(
        observedGeneration: Int64? = nil, health: String? = nil, nodes: Int32? = nil,
        readyNodes: Int32? = nil, totalGPUs: Int32? = nil, allocatedGPUs: Int32? = nil,
        lastTransitionTime: Timestamp? = nil, conditions: [Condition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.health = health
        self.nodes = nodes
        self.readyNodes = readyNodes
        self.totalGPUs = totalGPUs
        self.allocatedGPUs = allocatedGPUs
        self.lastTransitionTime = lastTransitionTime
        self.conditions = conditions
    }
}

/// How well a zone works.
public enum ZoneHealth {
    /// Every node works normally.
    public static let healthy = "Healthy"
    /// The zone works, slower and less reliably.
    public static let degraded = "Degraded"
    /// The zone is lost: its nodes are NotReady and their pods fail.
    public static let down = "Down"
    public static let all = [healthy, degraded, down]
}
