extension PodAutoscaler {
    /// It names what it scales; its metric is one the autoscaler knows and its bounds are
    /// not negative, with min-scale at most max-scale.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        if spec.scaleTargetRef?.name == nil { errors.append(.required(FieldPath("spec", "scaleTargetRef", "name"))) }
        errors += AutoscalingSettings.validate(metadata.annotations, at: FieldPath("metadata", "annotations"))
        return errors
    }
}

extension AutoscalingSettings {
    /// The `autoscaling.knative.dev/` annotations make sense: a known metric, bounds that are
    /// whole and not negative (min at most max), a positive target and windows that parse.
    public static func validate(_ annotations: [String: String]?, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let values = annotations ?? [:]
        if let metric = values[metricAnnotation], !ScaleMetric.all.contains(metric) {
            errors.append(.notSupported(path.key(metricAnnotation), metric, ScaleMetric.all))
        }
        for key in [minScaleAnnotation, maxScaleAnnotation, initialScaleAnnotation] {
            guard let text = values[key] else { continue }
            if Int32(text).map({ $0 < 0 }) ?? true { errors.append(.invalid(path.key(key), text, "must be a whole number >= 0")) }
        }
        if let low = values[minScaleAnnotation].flatMap(Int32.init), let high = values[maxScaleAnnotation].flatMap(Int32.init), high > 0,
            low > high
        {
            errors.append(.invalid(path.key(minScaleAnnotation), low, "must be <= \(maxScaleAnnotation) (\(high))"))
        }
        if let text = values[targetAnnotation], Double(text).map({ $0 <= 0 }) ?? true {
            errors.append(.invalid(path.key(targetAnnotation), text, "must be a number > 0"))
        }
        for key in [windowAnnotation, scaleDownDelayAnnotation, scaleToZeroGracePeriodAnnotation] {
            guard let text = values[key] else { continue }
            if GoDuration(text) == nil { errors.append(.invalid(path.key(key), text, "must be a duration such as 60s")) }
        }
        return errors
    }
}
