extension Pod {
    /// Upstream's `ValidatePodCreate`: the name a DNS subdomain, and the pod spec's rules.
    public func validate() -> [FieldError] {
        validateMetadata() + PodSpecRules.validate(spec, at: FieldPath("spec"))
    }
}
