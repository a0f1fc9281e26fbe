extension Revision {
    /// Its pod is valid and has a container; concurrency and timeout are not negative.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        errors += PodSpecRules.validate(spec.pod, at: path)
        if let concurrency = spec.containerConcurrency, concurrency < 0 {
            errors.append(.invalid(path.child("containerConcurrency"), concurrency, "must be >= 0"))
        }
        if let timeout = spec.timeoutSeconds, timeout < 0 {
            errors.append(.invalid(path.child("timeoutSeconds"), timeout, "must be >= 0"))
        }
        return errors
    }
}
