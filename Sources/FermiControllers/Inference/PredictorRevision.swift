import FermiAPI
import FermiRuntime
import Foundation

/// The Knative Revision an InferenceService's predictor makes, as KServe's serverless mode
/// makes it: the serving container (the given one, or the runtime image for the model's
/// format) with the model's storage URI, the predictor's pod fields, KServe's and Knative's
/// labels, and its scaling as `autoscaling.knative.dev/` annotations. A change to any of that
/// (but not to the canary percentage, which only moves traffic) makes a new revision.
enum PredictorRevision {
    static let inferenceServiceLabel = "serving.kserve.io/inferenceservice"
    static let componentLabel = "component"
    static let revisionLabel = "serving.knative.dev/revision"
    static let configurationLabel = "serving.knative.dev/configuration"
    static let configurationGenerationLabel = "serving.knative.dev/configurationGeneration"
    static let serviceLabel = "serving.knative.dev/service"
    /// active while a revision is routed traffic, reserve when it is not (Knative's label).
    static let routingStateLabel = "serving.knative.dev/routingState"
    /// The hash of the predictor a revision was made from.
    static let specHashAnnotation = "serving.kserve.io/predictor-hash"

    /// The name of the predictor's Knative configuration and service: `<isvc>-predictor`.
    static func configurationName(of service: InferenceService) -> String {
        "\(service.name)-predictor"
    }

    /// The name of revision `number`: `<isvc>-predictor-00001`.
    static func name(of service: InferenceService, number: Int) -> String {
        configurationName(of: service) + "-" + String(format: "%05d", number)
    }

    /// The revision's number, read back from its name.
    static func number(of revision: Revision) -> Int {
        Int(revision.name.split(separator: "-").last ?? "") ?? 0
    }

    /// What a revision depends on, hashed: the predictor without its canary percentage, and
    /// the service's annotations that shape its pods.
    static func specHash(of service: InferenceService) -> String {
        var predictor = service.spec.predictor ?? PredictorSpec()
        predictor.component.canaryTrafficPercent = nil
        let annotations = podAnnotations(of: service)
        let text = ((try? JSONValueEncoder.encode(predictor)).map(JSONValue.compactJSON) ?? "")
            + annotations.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        return FNV1a.hash(text)
    }

    /// Revision `number` of `service`'s predictor.
    static func revision(of service: InferenceService, number: Int) -> Revision {
        let predictor = service.spec.predictor ?? PredictorSpec()
        let name = name(of: service, number: number)
        var metadata = ObjectMeta(name: name, namespace: service.namespace)
        metadata.labels = (predictor.component.labels ?? [:]).merging([
            inferenceServiceLabel: service.name, componentLabel: "predictor",
            configurationLabel: configurationName(of: service), serviceLabel: configurationName(of: service),
            configurationGenerationLabel: String(number), routingStateLabel: "pending",
        ]) { _, ours in ours }
        var annotations = podAnnotations(of: service).merging(predictor.component.annotations ?? [:]) { _, own in own }
        annotations.merge(scaling(of: predictor.component)) { _, scaling in scaling }
        annotations[AutoscalingSettings.classAnnotation] = annotations[AutoscalingSettings.classAnnotation] ?? AutoscalingSettings.kpaClass
        annotations[specHashAnnotation] = specHash(of: service)
        metadata.annotations = annotations
        metadata.ownerReferences = [
            OwnerReference(
                apiVersion: InferenceService.resource.apiVersion, kind: InferenceService.resource.kind, name: service.name,
                uid: service.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
        ]
        var pod = predictor.pod
        pod.containers = [servingContainer(of: predictor)] + (pod.containers ?? []).dropFirst()
        return Revision(
            metadata: metadata,
            spec: RevisionSpec(pod: pod, containerConcurrency: predictor.component.containerConcurrency ?? 0, timeoutSeconds: predictor.component.timeout ?? 300))
    }

    /// The model's storage URI, from whichever implementation the predictor uses.
    static func storageURI(of predictor: PredictorSpec?) -> String? {
        guard let predictor else { return nil }
        if let model = predictor.model { return model.predictor.storageUri }
        for keyPath in frameworks.map(\.keyPath) { if let uri = predictor[keyPath: keyPath]?.storageUri { return uri } }
        return predictor.pod.containers?.first?.env?.first { $0.name == "STORAGE_URI" }?.value
    }

    /// The annotations of the service that its revisions' pods carry: how they behave in the
    /// simulation, where they go, and Knative's autoscaling settings.
    private static func podAnnotations(of service: InferenceService) -> [String: String] {
        (service.metadata.annotations ?? [:]).filter {
            $0.key.hasPrefix(SimAnnotations.prefix) || $0.key.hasPrefix("placement.fermi.dev/") || $0.key.hasPrefix(AutoscalingSettings.prefix)
        }
    }

    /// KServe's fields as Knative's autoscaling annotations.
    private static func scaling(of component: ComponentExtensionSpec) -> [String: String] {
        var annotations: [String: String] = [:]
        annotations[AutoscalingSettings.minScaleAnnotation] = String(component.minReplicas ?? 1)
        if let maximum = component.maxReplicas, maximum > 0 { annotations[AutoscalingSettings.maxScaleAnnotation] = String(maximum) }
        if let target = component.scaleTarget { annotations[AutoscalingSettings.targetAnnotation] = String(target) }
        if let metric = component.scaleMetric { annotations[AutoscalingSettings.metricAnnotation] = metric }
        return annotations
    }

    /// The framework predictors, with the format each serves.
    private static var frameworks: [(format: String, keyPath: KeyPath<PredictorSpec, PredictorExtensionSpec?>)] {
        [
        ("sklearn", \.sklearn), ("xgboost", \.xgboost), ("tensorflow", \.tensorflow), ("pytorch", \.pytorch),
        ("triton", \.triton), ("onnx", \.onnx), ("pmml", \.pmml), ("lightgbm", \.lightgbm), ("paddle", \.paddle),
        ("huggingface", \.huggingface),
        ]
    }

    /// The image of the runtime KServe serves each model format with.
    static let runtimeImages: [String: String] = [
        "sklearn": "kserve/sklearnserver:v0.13.0", "xgboost": "kserve/xgbserver:v0.13.0",
        "lightgbm": "kserve/lgbserver:v0.13.0", "pmml": "kserve/pmmlserver:v0.13.0", "paddle": "kserve/paddleserver:v0.13.0",
        "tensorflow": "tensorflow/serving:2.6.2", "pytorch": "pytorch/torchserve-kfs:0.9.0",
        "triton": "nvcr.io/nvidia/tritonserver:23.05-py3", "onnx": "nvcr.io/nvidia/tritonserver:23.05-py3",
        "huggingface": "kserve/huggingfaceserver:v0.13.0", "vllm": "kserve/huggingfaceserver:v0.13.0",
    ]

    /// The container that serves the model: named `kserve-container`, the runtime's image
    /// where it names none, and the model's storage URI with the directory it is loaded into.
    private static func servingContainer(of predictor: PredictorSpec) -> Container {
        var format: String?
        var extensionSpec: PredictorExtensionSpec?
        if let model = predictor.model {
            format = model.modelFormat?.name
            extensionSpec = model.predictor
        } else if let framework = frameworks.first(where: { predictor[keyPath: $0.keyPath] != nil }) {
            format = framework.format
            extensionSpec = predictor[keyPath: framework.keyPath]
        }
        guard let extensionSpec else { return predictor.pod.containers?.first ?? Container() }
        var container = extensionSpec.container
        if (container.name ?? "").isEmpty { container.name = InferenceService.servingContainerName }
        if (container.image ?? "").isEmpty { container.image = format.flatMap { runtimeImages[$0.lowercased()] } ?? "kserve/huggingfaceserver:v0.13.0" }
        if let uri = extensionSpec.storageUri {
            var env = container.env ?? []
            if !env.contains(where: { $0.name == "STORAGE_URI" }) { env.append(EnvVar(name: "STORAGE_URI", value: uri)) }
            container.env = env
            var args = container.args ?? []
            if !args.contains(where: { $0.hasPrefix("--model_dir") }) { args.append("--model_dir=/mnt/models") }
            container.args = args
        }
        return container
    }
}
