/// Live traffic figures of one InferenceService (`fermi.dev/v1alpha1`, named as the service
/// and owned by it), as the simulated load balancer and queue proxies measure them: requests
/// and errors, rates and in-flight concurrency over the autoscaler's stable and panic windows,
/// latency percentiles, per revision, replica and zone, and a history over time. The traffic
/// simulator writes it; the autoscaler scales on it; `fermi top inferenceservices` and
/// `fermi describe` show it.
public struct ServingMetrics: StatusHavingObject {
    public static let resource = APIResource(
        group: "fermi.dev", version: "v1alpha1", kind: "ServingMetrics", plural: "servingmetrics", singular: "servingmetrics",
        shortNames: ["sm"], namespaced: true)

    public var apiVersion = ServingMetrics.resource.apiVersion
    public var kind = ServingMetrics.resource.kind
    public var metadata: ObjectMeta
    public var spec: ServingMetricsSpec
    public var status: ServingMetricsStatus?

    public init(metadata: ObjectMeta, spec: ServingMetricsSpec = ServingMetricsSpec(), status: ServingMetricsStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// Which service the figures are of.
public struct ServingMetricsSpec: Codable, Hashable, Sendable {
    public var inferenceService: String?

    public init(inferenceService: String? = nil) {
        self.inferenceService = inferenceService
    }
}

/// The figures as last measured.
public struct ServingMetricsStatus: Codable, Hashable, Sendable {
    /// When they were measured.
    public var time: Timestamp?
    /// When the simulated load began (the service's first moment Ready).
    public var loadStartedAt: Timestamp?
    /// Requests since the service began, and those that failed.
    public var requests: Int64?
    public var errors: Int64?
    /// Requests a second over the last stable window.
    public var rps: String?
    /// Latency of the requests answered over the last stable window (`42ms`).
    public var latencyP50: String?
    public var latencyP99: String?
    /// Errors as a share of requests over the last stable window (`0.10%`).
    public var errorRate: String?
    /// Replicas ready to serve, over all revisions.
    public var readyReplicas: Int32?
    /// What the service's replicas have cost so far, at their nodes' prices.
    public var cost: String?
    public var revisions: [RevisionTraffic]?
    public var zones: [ZoneTraffic]?
    /// Figures over time, oldest first (at most `ServingSample.limit`, thinned evenly).
    public var history: [ServingSample]?

    public init(time: Timestamp? = nil) {
        self.time = time
    }
}

/// One revision's traffic.
public struct RevisionTraffic: Codable, Hashable, Sendable {
    public var name: String?
    /// Its share of the service's traffic as routed (`10`).
    public var percent: Int64?
    /// Requests it has been sent, and those that failed.
    public var requests: Int64?
    public var errors: Int64?
    public var readyReplicas: Int32?
    /// Requests held by the activator while it has no ready replica.
    public var pendingRequests: Int64?
    /// Requests in flight across its replicas, averaged over the stable and panic windows.
    public var stableConcurrency: String?
    public var panicConcurrency: String?
    /// Requests a second, over the same windows.
    public var stableRPS: String?
    public var panicRPS: String?
    /// Average CPU and memory use of its replicas as a percentage of their requests.
    public var cpuUtilization: String?
    public var memoryUtilization: String?
    public var replicas: [ReplicaTraffic]?

    public init(name: String? = nil, percent: Int64? = nil) {
        self.name = name
        self.percent = percent
    }
}

/// One replica's traffic.
public struct ReplicaTraffic: Codable, Hashable, Sendable {
    public var pod: String?
    public var zone: String?
    public var ready: Bool?
    public var requests: Int64?
    /// Requests in flight when measured.
    public var inFlight: Int64?

    public init(pod: String? = nil, zone: String? = nil, ready: Bool? = nil, requests: Int64? = nil, inFlight: Int64? = nil) {
        self.pod = pod
        self.zone = zone
        self.ready = ready
        self.requests = requests
        self.inFlight = inFlight
    }
}

/// The traffic that arose in one zone.
public struct ZoneTraffic: Codable, Hashable, Sendable {
    public var zone: String?
    public var requests: Int64?
    /// Of those, the requests served by a replica in another zone (none ready in this one).
    public var servedElsewhere: Int64?
    public var readyReplicas: Int32?

    public init(zone: String? = nil, requests: Int64? = nil, servedElsewhere: Int64? = nil, readyReplicas: Int32? = nil) {
        self.zone = zone
        self.requests = requests
        self.servedElsewhere = servedElsewhere
        self.readyReplicas = readyReplicas
    }
}

/// The service's figures at one moment.
public struct ServingSample: Codable, Hashable, Sendable {
    public var time: Timestamp?
    public var rps: String?
    public var readyReplicas: Int32?
    public var latencyP99: String?
    public var errorRate: String?

    /// The most samples a status keeps.
    public static let limit = 96

    public init(time: Timestamp? = nil, rps: String? = nil, readyReplicas: Int32? = nil, latencyP99: String? = nil, errorRate: String? = nil) {
        self.time = time
        self.rps = rps
        self.readyReplicas = readyReplicas
        self.latencyP99 = latencyP99
        self.errorRate = errorRate
    }
}
