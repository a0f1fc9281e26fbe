extension Job {
    /// Upstream's `ValidateJob`: a DNS-subdomain name; non-negative counts and limits; a pod
    /// template that restarts OnFailure or Never; an Indexed Job's completions; per-index limits
    /// only for Indexed Jobs; and a pod failure policy whose rules can match.
    public func validate() -> [FieldError] {
        let path = FieldPath("spec")
        var errors = validateMetadata()
        let counts: [(String, Int64?)] = [
            ("parallelism", spec.parallelism.map(Int64.init)), ("completions", spec.completions.map(Int64.init)),
            ("activeDeadlineSeconds", spec.activeDeadlineSeconds), ("backoffLimit", spec.backoffLimit.map(Int64.init)),
            ("ttlSecondsAfterFinished", spec.ttlSecondsAfterFinished.map(Int64.init)),
            ("backoffLimitPerIndex", spec.backoffLimitPerIndex.map(Int64.init)),
            ("maxFailedIndexes", spec.maxFailedIndexes.map(Int64.init)),
        ]
        for (field, value) in counts {
            if let value { errors += PodSpecRules.nonNegative(value, at: path.child(field)) }
        }
        if let deadline = spec.activeDeadlineSeconds, deadline == 0 {
            errors.append(.invalid(path.child("activeDeadlineSeconds"), deadline, "must be greater than 0"))
        }
        errors += LabelSelectorRules.validate(spec.selector, at: path.child("selector"))
        errors += validateCompletionMode(at: path)
        errors += validateTemplate(at: path.child("template"))
        errors += validatePodFailurePolicy(at: path.child("podFailurePolicy"))
        if let policy = spec.podReplacementPolicy {
            if !PodReplacementPolicy.all.contains(policy) {
                errors.append(.notSupported(path.child("podReplacementPolicy"), policy, PodReplacementPolicy.all))
            } else if spec.podFailurePolicy != nil, policy != PodReplacementPolicy.failed {
                errors.append(
                    .notSupported(path.child("podReplacementPolicy"), policy, [PodReplacementPolicy.failed]))
            }
        }
        return errors
    }

    private func validateCompletionMode(at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let mode = spec.completionMode ?? CompletionMode.nonIndexed
        if !CompletionMode.all.contains(mode) {
            errors.append(.notSupported(path.child("completionMode"), mode, CompletionMode.all))
        }
        if mode == CompletionMode.indexed {
            if spec.completions == nil {
                errors.append(
                    .required(path.child("completions"), "when completion mode is \(CompletionMode.indexed)"))
            }
            if let parallelism = spec.parallelism, parallelism > 100_000 {
                errors.append(
                    .invalid(path.child("parallelism"), parallelism, "must be less than or equal to 100000 when completion mode is Indexed"))
            }
        } else {
            if spec.backoffLimitPerIndex != nil {
                errors.append(
                    .invalid(path.child("backoffLimitPerIndex"), spec.backoffLimitPerIndex ?? 0, "requires indexed completion mode"))
            }
        }
        if let maximum = spec.maxFailedIndexes {
            if spec.backoffLimitPerIndex == nil {
                errors.append(.required(path.child("backoffLimitPerIndex"), "when maxFailedIndexes is specified"))
            }
            if let completions = spec.completions, maximum > completions {
                errors.append(
                    .invalid(path.child("maxFailedIndexes"), maximum, "must be less than or equal to completions"))
            }
        }
        return errors
    }

    /// A Job's pods restart OnFailure or Never: a pod that restarts forever never completes.
    private func validateTemplate(at path: FieldPath) -> [FieldError] {
        guard let podSpec = spec.template?.spec else { return [.required(path.child("spec"))] }
        var errors = PodSpecRules.validate(podSpec, at: path.child("spec"))
        let allowed = [PodRestartPolicy.onFailure, PodRestartPolicy.never]
        if let policy = podSpec.restartPolicy, !policy.isEmpty, !allowed.contains(policy) {
            errors.append(.notSupported(path.child("spec").child("restartPolicy"), policy, allowed))
        }
        if spec.podFailurePolicy != nil, podSpec.restartPolicy != PodRestartPolicy.never {
            errors.append(
                .invalid(
                    path.child("spec").child("restartPolicy"), podSpec.restartPolicy ?? "",
                    "only \"Never\" is supported when podFailurePolicy is specified"))
        }
        return errors
    }

    private func validatePodFailurePolicy(at path: FieldPath) -> [FieldError] {
        guard let policy = spec.podFailurePolicy else { return [] }
        var errors: [FieldError] = []
        let rules = policy.rules ?? []
        if rules.count > 20 {
            errors.append(FieldError(.tooMany(count: rules.count, maximum: 20), path.child("rules")))
        }
        let containerNames = Set((spec.template?.spec?.containers ?? []).compactMap(\.name))
        for (index, rule) in rules.enumerated() {
            let rulePath = path.child("rules").index(index)
            let action = rule.action ?? ""
            if !PodFailurePolicyAction.all.contains(action) {
                errors.append(.notSupported(rulePath.child("action"), action, PodFailurePolicyAction.all))
            } else if action == PodFailurePolicyAction.failIndex, spec.backoffLimitPerIndex == nil {
                errors.append(
                    .forbidden(rulePath.child("action"), "must not be FailIndex when backoffLimitPerIndex is not specified"))
            }
            switch (rule.onExitCodes, rule.onPodConditions) {
            case (nil, nil):
                errors.append(.invalid(rulePath, "", "specifying one of OnExitCodes and OnPodConditions is required"))
            case (.some, .some):
                errors.append(.invalid(rulePath, "", "specifying both OnExitCodes and OnPodConditions is not supported"))
            case (let exitCodes?, nil):
                errors += validateExitCodes(exitCodes, containerNames: containerNames, at: rulePath.child("onExitCodes"))
            case (nil, let patterns?):
                for (position, pattern) in patterns.enumerated() {
                    let patternPath = rulePath.child("onPodConditions").index(position)
                    let type = pattern.type ?? ""
                    errors += NameRules.qualifiedName(type).map { .invalid(patternPath.child("type"), type, $0) }
                    let status = pattern.status ?? ""
                    if !ConditionStatus.all.contains(status) {
                        errors.append(.notSupported(patternPath.child("status"), status, ConditionStatus.all))
                    }
                }
            }
        }
        return errors
    }

    private func validateExitCodes(
        _ requirement: PodFailurePolicyOnExitCodesRequirement, containerNames: Set<String>, at path: FieldPath
    ) -> [FieldError] {
        var errors: [FieldError] = []
        if let name = requirement.containerName, !containerNames.contains(name) {
            errors.append(
                .invalid(path.child("containerName"), name, "must be one of the container or initContainer names in the pod template"))
        }
        let operators = ["In", "NotIn"]
        let operation = requirement.operator ?? ""
        if !operators.contains(operation) {
            errors.append(.notSupported(path.child("operator"), operation, operators))
        }
        let values = requirement.values ?? []
        if values.isEmpty {
            errors.append(.invalid(path.child("values"), 0, "at least one value is required"))
        }
        if values.count > 255 {
            errors.append(FieldError(.tooMany(count: values.count, maximum: 255), path.child("values")))
        }
        for (index, value) in values.enumerated() {
            if operation == "In", value == 0 {
                errors.append(.invalid(path.child("values").index(index), value, "must not be 0 for the In operator"))
            }
            if index > 0 {
                let previous = values[index - 1]
                if previous == value {
                    errors.append(.duplicate(path.child("values").index(index), String(value)))
                } else if previous > value {
                    errors.append(.invalid(path.child("values").index(index), value, "must be ordered"))
                }
            }
        }
        return errors
    }
}
