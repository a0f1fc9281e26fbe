/// A Knative Revision (`serving.knative.dev/v1`): one immutable snapshot of a served
/// component's pod, made by the InferenceService controller each time the predictor's spec
/// changes (`<service>-predictor-00001`, `-00002`, ...). Its pods are scaled by the
/// PodAutoscaler of the same name, between the bounds its `autoscaling.knative.dev/`
/// annotations set.
public struct Revision: StatusHavingObject {
    public static let resource = APIResource(
        group: "serving.knative.dev", version: "v1", kind: "Revision", plural: "revisions", shortNames: ["rev"], namespaced: true)

    public var apiVersion = Revision.resource.apiVersion
    public var kind = Revision.resource.kind
    public var metadata: ObjectMeta
    public var spec: RevisionSpec
    public var status: RevisionStatus?

    public init(metadata: ObjectMeta, spec: RevisionSpec = RevisionSpec(), status: RevisionStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A revision's pod, inline, with how many requests one replica serves at once.
public struct RevisionSpec: Codable, Hashable, Sendable {
    public var pod: PodSpec
    /// Requests one replica serves at once; 0 means as many as arrive.
    public var containerConcurrency: Int64?
    /// How long a request may take, in seconds.
    public var timeoutSeconds: Int64?

    public init(pod: PodSpec = PodSpec(), containerConcurrency: Int64? = nil, timeoutSeconds: Int64? = nil) {
        self.pod = pod
        self.containerConcurrency = containerConcurrency
        self.timeoutSeconds = timeoutSeconds
    }

    private enum CodingKeys: String, CodingKey { case containerConcurrency, timeoutSeconds }

    public init(from decoder: any Decoder) throws {
        pod = try PodSpec(from: decoder)
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        containerConcurrency = try keyed.decodeIfPresent(Int64.self, forKey: .containerConcurrency)
        timeoutSeconds = try keyed.decodeIfPresent(Int64.self, forKey: .timeoutSeconds)
    }

    public func encode(to encoder: any Encoder) throws {
        try pod.encode(to: encoder)
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encodeIfPresent(containerConcurrency, forKey: .containerConcurrency)
        try keyed.encodeIfPresent(timeoutSeconds, forKey: .timeoutSeconds)
    }
}

/// Where a revision stands: its replicas and whether it is Ready.
public struct RevisionStatus: Codable, Hashable, Sendable {
    public var observedGeneration: Int64?
    /// Ready, ResourcesAvailable, ContainerHealthy, Active.
    public var conditions: [Condition]?
    /// Replicas that are Ready.
    public var actualReplicas: Int32?
    /// Replicas the autoscaler wants.
    public var desiredReplicas: Int32?
    /// The image it runs, as resolved.
    public var containerStatuses: [RevisionContainerStatus]?

    public init(conditions: [Condition]? = nil, actualReplicas: Int32? = nil, desiredReplicas: Int32? = nil) {
        self.conditions = conditions
        self.actualReplicas = actualReplicas
        self.desiredReplicas = desiredReplicas
    }
}

/// A container of a revision and the image digest it resolved to.
public struct RevisionContainerStatus: Codable, Hashable, Sendable {
    public var name: String?
    public var imageDigest: String?

    public init(name: String? = nil, imageDigest: String? = nil) {
        self.name = name
        self.imageDigest = imageDigest
    }
}
