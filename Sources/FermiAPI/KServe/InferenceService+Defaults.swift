extension InferenceService {
    /// KServe's defaulting webhook: one replica at least unless scaling to zero is asked for,
    /// the serving container named `kserve-container`, 1 CPU and 2Gi of memory as requests and
    /// limits where none are given, and each component's pod defaults.
    public mutating func setDefaults() {
        guard var predictor = spec.predictor else { return }
        if predictor.component.minReplicas == nil { predictor.component.minReplicas = 1 }
        if predictor.model != nil {
            Self.defaultServingContainer(&predictor.model!.predictor.container)
        }
        for keyPath in Self.frameworks where predictor[keyPath: keyPath] != nil {
            Self.defaultServingContainer(&predictor[keyPath: keyPath]!.container)
        }
        predictor.pod.setDefaults()
        spec.predictor = predictor
        for keyPath in [\InferenceServiceSpec.transformer, \InferenceServiceSpec.explainer] where spec[keyPath: keyPath] != nil {
            if spec[keyPath: keyPath]!.component.minReplicas == nil { spec[keyPath: keyPath]!.component.minReplicas = 1 }
            spec[keyPath: keyPath]!.pod.containers = spec[keyPath: keyPath]!.pod.containers?.map { container in
                var container = container
                if container.resources == nil { container.resources = Self.defaultResources }
                return container
            }
            spec[keyPath: keyPath]!.pod.setDefaults()
        }
    }

    /// The framework predictors, for defaulting each the same way.
    static var frameworks: [WritableKeyPath<PredictorSpec, PredictorExtensionSpec?>] {
        [\.sklearn, \.xgboost, \.tensorflow, \.pytorch, \.triton, \.onnx, \.pmml, \.lightgbm, \.paddle, \.huggingface]
    }

    /// The name KServe gives the container that serves the model.
    public static let servingContainerName = "kserve-container"

    /// 1 CPU and 2Gi of memory, requested and limited: KServe's default resources.
    public static let defaultResources = ResourceRequirements(
        limits: ["cpu": "1", "memory": "2Gi"], requests: ["cpu": "1", "memory": "2Gi"])

    private static func defaultServingContainer(_ container: inout Container) {
        if (container.name ?? "").isEmpty { container.name = servingContainerName }
        if container.resources == nil || (container.resources?.limits == nil && container.resources?.requests == nil) {
            container.resources = defaultResources
        }
    }
}
