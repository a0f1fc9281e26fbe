/// A Knative PodAutoscaler (`autoscaling.internal.knative.dev/v1alpha1`), the KPA: one per
/// revision, of the same name. The autoscaler writes the scale it wants into its status, from
/// the revision's observed load over a stable and a panic window; the revision controller
/// keeps that many replicas. Its settings are the revision's `autoscaling.knative.dev/`
/// annotations.
public struct PodAutoscaler: StatusHavingObject {
    public static let resource = APIResource(
        group: "autoscaling.internal.knative.dev", version: "v1alpha1", kind: "PodAutoscaler", plural: "podautoscalers",
        shortNames: ["kpa", "pa"], namespaced: true)

    public var apiVersion = PodAutoscaler.resource.apiVersion
    public var kind = PodAutoscaler.resource.kind
    public var metadata: ObjectMeta
    public var spec: PodAutoscalerSpec
    public var status: PodAutoscalerStatus?

    public init(metadata: ObjectMeta, spec: PodAutoscalerSpec = PodAutoscalerSpec(), status: PodAutoscalerStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What a PodAutoscaler scales.
public struct PodAutoscalerSpec: Codable, Hashable, Sendable {
    /// The revision whose replicas it scales.
    public var scaleTargetRef: ObjectReference?
    /// Requests one replica serves at once; 0 means as many as arrive.
    public var containerConcurrency: Int64?
    /// Whether the revision receives traffic: Reachable, Unreachable or Unknown.
    public var reachability: String?
    /// The protocol its pods speak: http1 or h2c.
    public var protocolType: String?

    public init(scaleTargetRef: ObjectReference? = nil, containerConcurrency: Int64? = nil, reachability: String? = nil) {
        self.scaleTargetRef = scaleTargetRef
        self.containerConcurrency = containerConcurrency
        self.reachability = reachability
    }
}

/// The scale the autoscaler wants and why.
public struct PodAutoscalerStatus: Codable, Hashable, Sendable {
    public var observedGeneration: Int64?
    /// Active (it has replicas or is activating), Ready, ScaleTargetInitialized.
    public var conditions: [Condition]?
    /// Replicas it wants.
    public var desiredScale: Int32?
    /// Replicas there are.
    public var actualScale: Int32?
    /// Fermi's own: Stable or Panic.
    public var mode: String?
    /// Fermi's own: when panic mode began; it lasts at least a stable window.
    public var panicSince: Timestamp?
    /// Fermi's own: the metric averaged over the stable window and over the panic window.
    public var stableValue: String?
    public var panicValue: String?
    /// Fermi's own: the most replicas wanted in panic mode, which it never scales below while
    /// the panic lasts.
    public var panicScale: Int32?
    /// Fermi's own: the scale wanted over the scale-down delay, newest last, so a drop is only
    /// acted on once it has held for the whole delay.
    public var recentScales: [ScaleRecommendation]?
    /// Fermi's own: since when no request has reached the revision (for scale to zero).
    public var idleSince: Timestamp?

    public init(desiredScale: Int32? = nil, actualScale: Int32? = nil, mode: String? = nil) {
        self.desiredScale = desiredScale
        self.actualScale = actualScale
        self.mode = mode
    }
}

/// One scale the autoscaler wanted, and when.
public struct ScaleRecommendation: Codable, Hashable, Sendable {
    public var time: Timestamp?
    public var scale: Int32?

    public init(time: Timestamp? = nil, scale: Int32? = nil) {
        self.time = time
        self.scale = scale
    }
}
