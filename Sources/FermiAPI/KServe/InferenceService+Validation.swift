extension InferenceService {
    /// KServe's validating webhook: a DNS-1035 name; exactly one predictor implementation;
    /// replica bounds not negative and in order; a known scale metric with a positive target;
    /// canary traffic 0–100; a storage URI KServe can fetch; and each component's pod rules.
    public func validate() -> [FieldError] {
        var errors = validateMetadata(nameRule: NameRules.dns1035Label)
        let path = FieldPath("spec", "predictor")
        guard let predictor = spec.predictor else { return errors + [.required(path)] }
        let implementations = predictor.implementations
        if implementations.count != 1 {
            errors.append(
                .invalid(
                    path, implementations.joined(separator: ", "),
                    "exactly one of model, sklearn, xgboost, tensorflow, pytorch, triton, onnx, pmml, lightgbm, paddle, huggingface or containers must be specified in predictor"))
        }
        errors += Self.validate(predictor.component, at: path)
        if let model = predictor.model {
            if (model.modelFormat?.name ?? "").isEmpty, model.runtime == nil {
                errors.append(.required(path.child("model").child("modelFormat").child("name")))
            }
            errors += Self.validateStorageURI(model.predictor.storageUri, at: path.child("model").child("storageUri"))
        }
        for (name, keyPath) in zip(["sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx", "pmml", "lightgbm", "paddle", "huggingface"], Self.frameworks) {
            if let framework = predictor[keyPath: keyPath] {
                errors += Self.validateStorageURI(framework.storageUri, at: path.child(name).child("storageUri"))
            }
        }
        if !(predictor.pod.containers ?? []).isEmpty {
            errors += PodSpecRules.validate(predictor.pod, at: path)
        }
        for (name, component) in [("transformer", spec.transformer), ("explainer", spec.explainer)] {
            guard let component else { continue }
            errors += Self.validate(component.component, at: FieldPath("spec", name))
            errors += PodSpecRules.validate(component.pod, at: FieldPath("spec", name))
        }
        return errors
    }

    /// Replicas, scaling and canary traffic, as KServe's `validateReplicas` and
    /// `validateScalingCompExtension` check them.
    static func validate(_ component: ComponentExtensionSpec, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if let minimum = component.minReplicas, minimum < 0 {
            errors.append(.invalid(path.child("minReplicas"), minimum, "MinReplicas cannot be less than 0"))
        }
        if let maximum = component.maxReplicas, maximum < 0 {
            errors.append(.invalid(path.child("maxReplicas"), maximum, "MaxReplicas cannot be less than 0"))
        }
        if let minimum = component.minReplicas, let maximum = component.maxReplicas, maximum != 0, minimum > maximum {
            errors.append(.invalid(path.child("minReplicas"), minimum, "MinReplicas cannot be greater than MaxReplicas"))
        }
        if let metric = component.scaleMetric, !ScaleMetric.all.contains(metric) {
            errors.append(.notSupported(path.child("scaleMetric"), metric, ScaleMetric.all))
        }
        if let target = component.scaleTarget {
            if target < 1 {
                errors.append(.invalid(path.child("scaleTarget"), target, "must be greater than 0"))
            } else if component.scaleMetric ?? "cpu" == "cpu", component.scaleMetricType != "AverageValue", target > 100 {
                errors.append(
                    .invalid(path.child("scaleTarget"), target, "The target utilization percentage should be a [1-100] integer."))
            }
        }
        if let percent = component.canaryTrafficPercent, !(0...100).contains(percent) {
            errors.append(.invalid(path.child("canaryTrafficPercent"), percent, "must be between 0 and 100, inclusive"))
        }
        if let concurrency = component.containerConcurrency, concurrency < 0 {
            errors.append(.invalid(path.child("containerConcurrency"), concurrency, "must be greater than or equal to 0"))
        }
        if let timeout = component.timeout, timeout < 0 {
            errors.append(.invalid(path.child("timeout"), timeout, "must be greater than or equal to 0"))
        }
        return errors
    }

    /// The storage URI schemes KServe's storage initializer fetches from.
    /// With Fermi's own `fermi://models/NAME/VERSION`, a version in the model registry.
    public static let storageURIPrefixes = [
        "gs://", "s3://", "pvc://", "file://", "https://", "http://", "hdfs://", "webhdfs://", "oci://", "hf://", "fermi://models/",
    ]

    static func validateStorageURI(_ uri: String?, at path: FieldPath) -> [FieldError] {
        guard let uri, !uri.isEmpty else { return [] }
        if storageURIPrefixes.contains(where: uri.hasPrefix) || uri.hasPrefix("/") || !uri.contains("://") { return [] }
        return [
            .invalid(
                path, uri,
                "storageUri must be one of: [\(storageURIPrefixes.joined(separator: ", "))] or an absolute or relative local path")
        ]
    }
}
