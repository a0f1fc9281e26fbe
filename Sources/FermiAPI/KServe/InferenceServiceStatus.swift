/// Where an inference service stands.
public struct InferenceServiceStatus: Codable, Hashable, Sendable {
    public var observedGeneration: Int64?
    /// PredictorReady, IngressReady, Ready, ...
    public var conditions: [Condition]?
    /// The service's URL.
    public var url: String?
    /// The address inside the cluster.
    public var address: Addressable?
    /// Each component's revisions, traffic and URL.
    public var components: [String: ComponentStatus]?
    /// Where the model stands.
    public var modelStatus: ModelStatusKServe?
    /// Serverless, RawDeployment or ModelMesh.
    public var deploymentMode: String?

    public init(conditions: [Condition]? = nil, url: String? = nil) {
        self.conditions = conditions
        self.url = url
    }
}

/// An address inside the cluster.
public struct Addressable: Codable, Hashable, Sendable {
    public var url: String?

    public init(url: String? = nil) {
        self.url = url
    }
}

/// One component's rollout: its revisions, the traffic split and its URLs.
public struct ComponentStatus: Codable, Hashable, Sendable {
    public var latestReadyRevision: String?
    public var latestCreatedRevision: String?
    public var previousRolledoutRevision: String?
    public var latestRolledoutRevision: String?
    /// Traffic targets: revision and percent.
    public var traffic: [TrafficTarget]?
    public var url: String?
    public var restUrl: String?
    public var grpcUrl: String?
    public var address: Addressable?

    public init(latestReadyRevision: String? = nil, latestCreatedRevision: String? = nil, traffic: [TrafficTarget]? = nil) {
        self.latestReadyRevision = latestReadyRevision
        self.latestCreatedRevision = latestCreatedRevision
        self.traffic = traffic
    }
}

/// One revision's share of a component's traffic (Knative's `TrafficTarget`).
public struct TrafficTarget: Codable, Hashable, Sendable {
    /// `prev` for the previous rolled-out revision during a canary, `latest` for the newest.
    public var tag: String?
    public var revisionName: String?
    public var configurationName: String?
    /// Whether this target follows the newest ready revision.
    public var latestRevision: Bool?
    public var percent: Int64?
    public var url: String?

    public init(tag: String? = nil, revisionName: String? = nil, latestRevision: Bool? = nil, percent: Int64? = nil, url: String? = nil) {
        self.tag = tag
        self.revisionName = revisionName
        self.latestRevision = latestRevision
        self.percent = percent
        self.url = url
    }
}

/// Where a service's model stands (KServe's `ModelStatus`).
public struct ModelStatusKServe: Codable, Hashable, Sendable {
    /// UpToDate, InProgress, BlockedByFailedLoad or InvalidSpec.
    public var transitionStatus: String?
    public var modelRevisionStates: ModelRevisionStates?
    public var lastFailureInfo: FailureInfo?
    /// Replicas that have loaded the model, and those that failed to.
    public var copies: ModelCopies?

    public init(transitionStatus: String? = nil, modelRevisionStates: ModelRevisionStates? = nil) {
        self.transitionStatus = transitionStatus
        self.modelRevisionStates = modelRevisionStates
    }
}

/// The model's state in the serving revision and in the one being rolled out.
public struct ModelRevisionStates: Codable, Hashable, Sendable {
    /// Pending, Standby, Loading, Loaded or FailedToLoad.
    public var activeModelState: String?
    public var targetModelState: String?

    public init(activeModelState: String? = nil, targetModelState: String? = nil) {
        self.activeModelState = activeModelState
        self.targetModelState = targetModelState
    }
}

/// Why the model last failed.
public struct FailureInfo: Codable, Hashable, Sendable {
    /// ModelLoadFailed, RuntimeUnhealthy, RuntimeNotRecognized, NoSupportingRuntime, InvalidPredictorSpec, ...
    public var reason: String?
    public var message: String?
    public var location: String?
    public var time: Timestamp?

    public init(reason: String? = nil, message: String? = nil, location: String? = nil, time: Timestamp? = nil) {
        self.reason = reason
        self.message = message
        self.location = location
        self.time = time
    }
}

/// How many copies of the model are loaded.
public struct ModelCopies: Codable, Hashable, Sendable {
    public var failedCopies: Int32?
    public var totalCopies: Int32?

    public init(failedCopies: Int32? = nil, totalCopies: Int32? = nil) {
        self.failedCopies = failedCopies
        self.totalCopies = totalCopies
    }
}
