extension ServingMetrics {
    /// It names the service it measures.
    public func validate() -> [FieldError] {
        validateMetadata() + FermiFieldRules.required(spec.inferenceService, at: FieldPath("spec", "inferenceService"))
    }
}
