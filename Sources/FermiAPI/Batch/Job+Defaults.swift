extension Job {
    /// Upstream's `SetDefaults_Job`: one completion and parallelism one when neither is given,
    /// six retries (unlimited with per-index limits), NonIndexed, not suspended, the pod
    /// replacement policy that suits the failure policy, and the template's pod defaults.
    public mutating func setDefaults() {
        if spec.completions == nil, spec.parallelism == nil {
            spec.completions = 1
            spec.parallelism = 1
        }
        if spec.parallelism == nil { spec.parallelism = 1 }
        if spec.backoffLimit == nil {
            spec.backoffLimit = spec.backoffLimitPerIndex == nil ? Job.defaultBackoffLimit : Int32.max
        }
        if spec.completionMode == nil { spec.completionMode = CompletionMode.nonIndexed }
        if spec.suspend == nil { spec.suspend = false }
        if spec.manualSelector == nil { spec.manualSelector = false }
        if spec.podReplacementPolicy == nil {
            spec.podReplacementPolicy =
                spec.podFailurePolicy == nil ? PodReplacementPolicy.terminatingOrFailed : PodReplacementPolicy.failed
        }
        let rules = spec.podFailurePolicy?.rules?.map { rule in
            var rule = rule
            rule.onPodConditions = rule.onPodConditions?.map { pattern in
                var pattern = pattern
                if pattern.status == nil { pattern.status = ConditionStatus.true }
                return pattern
            }
            return rule
        }
        if rules != nil { spec.podFailurePolicy?.rules = rules }
        var template = spec.template ?? PodTemplateSpec()
        template.setDefaults()
        spec.template = template
    }

    /// Retries before a Job fails unless it says otherwise.
    public static let defaultBackoffLimit: Int32 = 6

    /// Kueue's admission: a job that names a LocalQueue starts suspended until its workload is
    /// admitted.
    public mutating func setDefaultsOnCreate() {
        if metadata.kueueQueueName != nil { spec.suspend = true }
    }
}
