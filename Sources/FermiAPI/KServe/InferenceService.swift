/// A KServe InferenceService (`serving.kserve.io/v1beta1`): a model served behind one URL by a
/// predictor, with an optional transformer and explainer, scaled between replica bounds and
/// rolled out with canary traffic.
public struct InferenceService: StatusHavingObject {
    public static let resource = APIResource(
        group: "serving.kserve.io", version: "v1beta1", kind: "InferenceService", plural: "inferenceservices",
        shortNames: ["isvc"], namespaced: true)

    public var apiVersion = InferenceService.resource.apiVersion
    public var kind = InferenceService.resource.kind
    public var metadata: ObjectMeta
    public var spec: InferenceServiceSpec
    public var status: InferenceServiceStatus?

    public init(metadata: ObjectMeta, spec: InferenceServiceSpec = InferenceServiceSpec(), status: InferenceServiceStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The components of an inference service.
public struct InferenceServiceSpec: Codable, Hashable, Sendable {
    /// The model server; required.
    public var predictor: PredictorSpec?
    /// Pre- and post-processing in front of the predictor.
    public var transformer: ComponentSpec?
    /// Explanations of the predictor's answers.
    public var explainer: ComponentSpec?

    public init(predictor: PredictorSpec? = nil, transformer: ComponentSpec? = nil, explainer: ComponentSpec? = nil) {
        self.predictor = predictor
        self.transformer = transformer
        self.explainer = explainer
    }
}

/// What every component has beside its pod (KServe's `ComponentExtensionSpec`): scaling,
/// rollout, logging and batching.
public struct ComponentExtensionSpec: Codable, Hashable, Sendable {
    /// The fewest replicas; 0 lets the service scale to zero.
    public var minReplicas: Int32?
    /// The most replicas; 0 means no limit.
    public var maxReplicas: Int32?
    /// The per-replica value of the scale metric the autoscaler aims at.
    public var scaleTarget: Int32?
    /// cpu, memory, concurrency or rps.
    public var scaleMetric: String?
    /// Utilization or AverageValue.
    public var scaleMetricType: String?
    /// Requests one replica serves at once; 0 means no limit.
    public var containerConcurrency: Int64?
    /// Seconds a request may take.
    public var timeout: Int64?
    /// The percentage of traffic the latest revision gets; the rest stays on the previous one.
    public var canaryTrafficPercent: Int64?
    /// Request and response logging.
    public var logger: LoggerSpec?
    /// Request batching.
    public var batcher: Batcher?
    /// Labels and annotations for the component's pods and services.
    public var labels: [String: String]?
    public var annotations: [String: String]?
    /// The rollout strategy of raw deployments (apps/v1 DeploymentStrategy).
    public var deploymentStrategy: JSONValue?
    /// Autoscaling metrics beyond the single scale metric.
    public var autoScaling: JSONValue?

    public init(minReplicas: Int32? = nil, maxReplicas: Int32? = nil, scaleTarget: Int32? = nil, scaleMetric: String? = nil, canaryTrafficPercent: Int64? = nil) {
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.scaleTarget = scaleTarget
        self.scaleMetric = scaleMetric
        self.canaryTrafficPercent = canaryTrafficPercent
    }
}

/// Request and response logging of a component.
public struct LoggerSpec: Codable, Hashable, Sendable {
    public var url: String?
    /// all, request or response.
    public var mode: String?
    public var metadataHeaders: [String]?
}

/// Request batching of a component.
public struct Batcher: Codable, Hashable, Sendable {
    public var maxBatchSize: Int32?
    public var maxLatency: Int32?
    public var timeout: Int32?
}

/// The predictor: a model (by format, served by a runtime) or a framework server, or custom
/// containers — with the pod fields inline, as KServe embeds the pod spec.
public struct PredictorSpec: Codable, Hashable, Sendable {
    /// The pod fields (containers, volumes, nodeSelector, tolerations, affinity, ...), inline.
    public var pod: PodSpec
    /// Scaling and rollout, inline.
    public var component: ComponentExtensionSpec
    /// A model by format, served by a matching ServingRuntime.
    public var model: ModelSpec?
    public var sklearn: PredictorExtensionSpec?
    public var xgboost: PredictorExtensionSpec?
    public var tensorflow: PredictorExtensionSpec?
    public var pytorch: PredictorExtensionSpec?
    public var triton: PredictorExtensionSpec?
    public var onnx: PredictorExtensionSpec?
    public var pmml: PredictorExtensionSpec?
    public var lightgbm: PredictorExtensionSpec?
    public var paddle: PredictorExtensionSpec?
    public var huggingface: PredictorExtensionSpec?
    /// Worker pods for multi-node serving.
    public var workerSpec: WorkerSpec?

    public init(pod: PodSpec = PodSpec(), component: ComponentExtensionSpec = ComponentExtensionSpec(), model: ModelSpec? = nil) {
        self.pod = pod
        self.component = component
        self.model = model
    }

    private enum CodingKeys: String, CodingKey {
        case model, sklearn, xgboost, tensorflow, pytorch, triton, onnx, pmml, lightgbm, paddle, huggingface, workerSpec
    }

    public init(from decoder: any Decoder) throws {
        pod = try PodSpec(from: decoder)
        component = try ComponentExtensionSpec(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decodeIfPresent(ModelSpec.self, forKey: .model)
        sklearn = try container.decodeIfPresent(PredictorExtensionSpec.self, forKey: .sklearn)
        xgboost = try container.decodeIfPresent(PredictorExtensionSpec.self, forKey: .xgboost)
        tensorflow = try container.decodeIfPresent(PredictorExtensionSpec.self, forKey: .tensorflow)
        pytorch = try container.decodeIfPresent(PredictorExtensionSpec.self, forKey: .pytorch)
        triton = try container.decodeIfPresent(PredictorExtensionSpec.self, forKey: .triton)
        onnx = try container.decodeIfPresent(PredictorExtensionSpec.self, forKey: .onnx)
        pmml = try container.decodeIfPresent(PredictorExtensionSpec.self, forKey: .pmml)
        lightgbm = try container.decodeIfPresent(PredictorExtensionSpec.self, forKey: .lightgbm)
        paddle = try container.decodeIfPresent(PredictorExtensionSpec.self, forKey: .paddle)
        huggingface = try container.decodeIfPresent(PredictorExtensionSpec.self, forKey: .huggingface)
        workerSpec = try container.decodeIfPresent(WorkerSpec.self, forKey: .workerSpec)
    }

    public func encode(to encoder: any Encoder) throws {
        try pod.encode(to: encoder)
        try component.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(model, forKey: .model)
        try container.encodeIfPresent(sklearn, forKey: .sklearn)
        try container.encodeIfPresent(xgboost, forKey: .xgboost)
        try container.encodeIfPresent(tensorflow, forKey: .tensorflow)
        try container.encodeIfPresent(pytorch, forKey: .pytorch)
        try container.encodeIfPresent(triton, forKey: .triton)
        try container.encodeIfPresent(onnx, forKey: .onnx)
        try container.encodeIfPresent(pmml, forKey: .pmml)
        try container.encodeIfPresent(lightgbm, forKey: .lightgbm)
        try container.encodeIfPresent(paddle, forKey: .paddle)
        try container.encodeIfPresent(huggingface, forKey: .huggingface)
        try container.encodeIfPresent(workerSpec, forKey: .workerSpec)
    }

    /// The implementations set, by field name: exactly one is allowed.
    public var implementations: [String] {
        let all: [(String, Bool)] = [
            ("model", model != nil), ("sklearn", sklearn != nil), ("xgboost", xgboost != nil),
            ("tensorflow", tensorflow != nil), ("pytorch", pytorch != nil), ("triton", triton != nil),
            ("onnx", onnx != nil), ("pmml", pmml != nil), ("lightgbm", lightgbm != nil), ("paddle", paddle != nil),
            ("huggingface", huggingface != nil), ("containers", !(pod.containers ?? []).isEmpty),
        ]
        return all.filter(\.1).map(\.0)
    }
}

/// A transformer or explainer: pod fields and scaling, inline.
public struct ComponentSpec: Codable, Hashable, Sendable {
    public var pod: PodSpec
    public var component: ComponentExtensionSpec

    public init(pod: PodSpec = PodSpec(), component: ComponentExtensionSpec = ComponentExtensionSpec()) {
        self.pod = pod
        self.component = component
    }

    public init(from decoder: any Decoder) throws {
        pod = try PodSpec(from: decoder)
        component = try ComponentExtensionSpec(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try pod.encode(to: encoder)
        try component.encode(to: encoder)
    }
}

/// A framework predictor (`sklearn`, `pytorch`, ...): where the model is, and the serving
/// container's fields inline.
public struct PredictorExtensionSpec: Codable, Hashable, Sendable {
    /// Where the model is: gs://, s3://, pvc://, hf://, https://, ...
    public var storageUri: String?
    /// The model server's version.
    public var runtimeVersion: String?
    /// v1, v2 or grpc-v2.
    public var protocolVersion: String?
    /// A storage spec key and path instead of a URI.
    public var storage: JSONValue?
    /// The serving container's fields (name, image, args, env, resources, ...), inline.
    public var container: Container

    public init(storageUri: String? = nil, protocolVersion: String? = nil, container: Container = Container()) {
        self.storageUri = storageUri
        self.protocolVersion = protocolVersion
        self.container = container
    }

    private enum CodingKeys: String, CodingKey { case storageUri, runtimeVersion, protocolVersion, storage }

    public init(from decoder: any Decoder) throws {
        container = try Container(from: decoder)
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        storageUri = try keyed.decodeIfPresent(String.self, forKey: .storageUri)
        runtimeVersion = try keyed.decodeIfPresent(String.self, forKey: .runtimeVersion)
        protocolVersion = try keyed.decodeIfPresent(String.self, forKey: .protocolVersion)
        storage = try keyed.decodeIfPresent(JSONValue.self, forKey: .storage)
    }

    public func encode(to encoder: any Encoder) throws {
        try container.encode(to: encoder)
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encodeIfPresent(storageUri, forKey: .storageUri)
        try keyed.encodeIfPresent(runtimeVersion, forKey: .runtimeVersion)
        try keyed.encodeIfPresent(protocolVersion, forKey: .protocolVersion)
        try keyed.encodeIfPresent(storage, forKey: .storage)
    }
}

/// A model by format (`sklearn`, `huggingface`, `vllm`...), served by a runtime that supports it.
public struct ModelSpec: Codable, Hashable, Sendable {
    /// The model's format and version.
    public var modelFormat: ModelFormat?
    /// The ServingRuntime to use; the best match for the format by default.
    public var runtime: String?
    /// Where the model is and the serving container's fields, inline.
    public var predictor: PredictorExtensionSpec

    public init(modelFormat: ModelFormat? = nil, runtime: String? = nil, predictor: PredictorExtensionSpec = PredictorExtensionSpec()) {
        self.modelFormat = modelFormat
        self.runtime = runtime
        self.predictor = predictor
    }

    private enum CodingKeys: String, CodingKey { case modelFormat, runtime }

    public init(from decoder: any Decoder) throws {
        predictor = try PredictorExtensionSpec(from: decoder)
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        modelFormat = try keyed.decodeIfPresent(ModelFormat.self, forKey: .modelFormat)
        runtime = try keyed.decodeIfPresent(String.self, forKey: .runtime)
    }

    public func encode(to encoder: any Encoder) throws {
        try predictor.encode(to: encoder)
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encodeIfPresent(modelFormat, forKey: .modelFormat)
        try keyed.encodeIfPresent(runtime, forKey: .runtime)
    }
}

/// A model format and, optionally, its version.
public struct ModelFormat: Codable, Hashable, Sendable {
    public var name: String?
    public var version: String?

    public init(name: String? = nil, version: String? = nil) {
        self.name = name
        self.version = version
    }
}

/// Worker pods of multi-node serving: how many, tensor and pipeline parallelism, pod fields inline.
public struct WorkerSpec: Codable, Hashable, Sendable {
    public var pod: PodSpec
    public var size: Int32?
    public var pipelineParallelSize: Int32?
    public var tensorParallelSize: Int32?

    private enum CodingKeys: String, CodingKey { case size, pipelineParallelSize, tensorParallelSize }

    public init(from decoder: any Decoder) throws {
        pod = try PodSpec(from: decoder)
        let keyed = try decoder.container(keyedBy: CodingKeys.self)
        size = try keyed.decodeIfPresent(Int32.self, forKey: .size)
        pipelineParallelSize = try keyed.decodeIfPresent(Int32.self, forKey: .pipelineParallelSize)
        tensorParallelSize = try keyed.decodeIfPresent(Int32.self, forKey: .tensorParallelSize)
    }

    public func encode(to encoder: any Encoder) throws {
        try pod.encode(to: encoder)
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encodeIfPresent(size, forKey: .size)
        try keyed.encodeIfPresent(pipelineParallelSize, forKey: .pipelineParallelSize)
        try keyed.encodeIfPresent(tensorParallelSize, forKey: .tensorParallelSize)
    }
}

/// The metrics a component may scale on.
public enum ScaleMetric {
    public static let all = ["cpu", "memory", "concurrency", "rps"]
}

extension InferenceService {
    /// NAME URL READY PREV LATEST PREVROLLEDOUTREVISION LATESTREADYREVISION AGE, as the CRD prints it.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("URL", jsonPath: ".status.url"),
            PrinterColumn("Ready", jsonPath: #".status.conditions[?(@.type=='Ready')].status"#),
            PrinterColumn("Prev", jsonPath: ".status.components.predictor.traffic[?(@.tag=='prev')].percent", type: .integer),
            PrinterColumn("Latest", jsonPath: ".status.components.predictor.traffic[?(@.latestRevision==true)].percent", type: .integer),
            PrinterColumn("PrevRolledoutRevision", jsonPath: ".status.components.predictor.traffic[?(@.tag=='prev')].revisionName"),
            PrinterColumn("LatestReadyRevision", jsonPath: ".status.components.predictor.traffic[?(@.latestRevision==true)].revisionName"),
            .age,
        ]
    }
}
