extension TrainingSchedule {
    /// A schedule cron can read, a known concurrency policy, limits not negative, and exactly
    /// one template.
    public func validate() -> [FieldError] {
        var errors = validateMetadata(nameRule: NameRules.dns1123Label)
        let path = FieldPath("spec")
        let schedule = spec.schedule ?? ""
        if schedule.isEmpty {
            errors.append(.required(path.child("schedule")))
        } else if case .failure(let error) = CronSchedule.parse(schedule) {
            errors.append(.invalid(path.child("schedule"), schedule, error.message))
        }
        errors += FermiFieldRules.oneOf(
            spec.concurrencyPolicy, TrainingScheduleEnums.concurrencyPolicies, at: path.child("concurrencyPolicy"))
        errors += FermiFieldRules.atLeast(spec.successfulJobsHistoryLimit, 0, at: path.child("successfulJobsHistoryLimit"))
        errors += FermiFieldRules.atLeast(spec.failedJobsHistoryLimit, 0, at: path.child("failedJobsHistoryLimit"))
        switch (spec.pytorchJobTemplate, spec.jobTemplate) {
        case (nil, nil): errors.append(.required(path.child("pytorchJobTemplate"), "pytorchJobTemplate or jobTemplate is required"))
        case (.some, .some): errors.append(.invalid(path.child("jobTemplate"), "", "only one of pytorchJobTemplate and jobTemplate may be set"))
        default: break
        }
        return errors
    }
}
