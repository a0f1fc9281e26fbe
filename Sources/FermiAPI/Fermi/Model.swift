/// A model in the registry (`fermi.dev/v1alpha1`): the versions training jobs produced, each
/// with the job it came from, the parameters it ran with, its metrics and where it is stored.
/// An InferenceService serves a version as `storageUri: fermi://models/NAME/VERSION`.
public struct Model: StatusHavingObject {
    public static let resource = APIResource(
        group: "fermi.dev", version: "v1alpha1", kind: "Model", plural: "models", shortNames: ["mdl"], namespaced: true)

    public var apiVersion = Model.resource.apiVersion
    public var kind = Model.resource.kind
    public var metadata: ObjectMeta
    public var spec: RegisteredModelSpec
    public var status: ModelStatus?

    public init(metadata: ObjectMeta, spec: RegisteredModelSpec = RegisteredModelSpec(), status: ModelStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The URI an InferenceService names version `version` of model `name` by.
    public static func storageURI(name: String, version: Int32) -> String {
        "fermi://models/\(name)/\(version)"
    }
}

/// What a model is, for people.
public struct RegisteredModelSpec: Codable, Hashable, Sendable {
    /// What the model is for, in a sentence or two.
    public var description: String?
    /// The framework its weights are for (`pytorch`).
    public var framework: String?

    public init(description: String? = nil, framework: String? = nil) {
        self.description = description
        self.framework = framework
    }
}

/// The versions registered so far.
public struct ModelStatus: Codable, Hashable, Sendable {
    /// Every version, oldest first.
    public var versions: [ModelVersion]?
    /// The newest version's number.
    public var latestVersion: Int32?

    public init(versions: [ModelVersion]? = nil, latestVersion: Int32? = nil) {
        self.versions = versions
        self.latestVersion = latestVersion
    }
}

/// One version of a model: what produced it and how it went.
public struct ModelVersion: Codable, Hashable, Sendable {
    /// 1 for the first version, one more for each after.
    public var version: Int32?
    /// Where the weights are: `fermi://models/NAME/VERSION`.
    public var storageUri: String?
    /// The training job that produced it (`PyTorchJob default/llm-finetune`).
    public var sourceJob: String?
    /// The source job's uid, so a job registers one version however often it is looked at.
    public var sourceJobUID: String?
    /// The hyperparameters it ran with: its trainer's environment and arguments.
    public var parameters: [String: String]?
    /// How the run went: training time, restarts, work lost, GPUs.
    public var metrics: [String: String]?
    /// When it was registered.
    public var createdAt: Timestamp?

    public init(
        version: Int32? = nil, storageUri: String? = nil, sourceJob: String? = nil, sourceJobUID: String? = nil,
        parameters: [String: String]? = nil, metrics: [String: String]? = nil, createdAt: Timestamp? = nil
    ) {
        self.version = version
        self.storageUri = storageUri
        self.sourceJob = sourceJob
        self.sourceJobUID = sourceJobUID
        self.parameters = parameters
        self.metrics = metrics
        self.createdAt = createdAt
    }
}

/// The annotation a training job names the model it trains with; the job's own name otherwise.
public enum ModelAnnotations {
    public static let model = "fermi.dev/model"
}
