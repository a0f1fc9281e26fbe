extension Pod {
    /// Upstream's `ValidatePodCreate`: the name a DNS subdomain, and the pod spec's rules.
    public func validate() -> [FieldError] {
        validateMetadata() + PodSpecRules.validate(spec, at: FieldPath("spec"))
    }

    /// Upstream's `ValidatePodStatusUpdate`: the metadata (a status write also carries labels
    /// and annotations), not the spec, which the write leaves as it was stored and checked.
    /// The kubelet writes every pod's status several times; re-checking its spec each time
    /// was a fifth of the cost of the write.
    public func validateStatusUpdate() -> [FieldError] {
        validateMetadata()
    }
}
