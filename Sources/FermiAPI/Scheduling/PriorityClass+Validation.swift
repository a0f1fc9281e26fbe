extension PriorityClass {
    /// Upstream's rules for priority classes: a value, at most 1000000000 unless the class is
    /// one of the two system classes (the only names that may start with `system-`), and a
    /// known preemption policy.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        guard let value else {
            errors.append(.required(FieldPath("value")))
            return errors + validatePreemptionPolicy()
        }
        if name.hasPrefix(Self.systemPrefix) {
            if let problem = systemClassProblem(value: value) {
                errors.append(
                    .forbidden(
                        FieldPath("metadata", "name"),
                        "priority class names with '\(Self.systemPrefix)' prefix are reserved for system use only. error: \(problem)"
                    ))
            }
        } else if value > Self.highestUserDefinablePriority {
            errors.append(
                .forbidden(
                    FieldPath("value"),
                    "maximum allowed value of a user defined priority is \(Self.highestUserDefinablePriority)"))
        }
        return errors + validatePreemptionPolicy()
    }

    /// Why a `system-` class is not one of the known system classes, or nil when it is.
    private func systemClassProblem(value: Int32) -> String? {
        guard let expected = Self.systemClasses[name] else {
            return "\(name) is not a known system priority class"
        }
        if value != expected { return "value of \(name) PriorityClass must be \(expected)" }
        if globalDefault == true { return "globalDefault of \(name) PriorityClass must be false" }
        return nil
    }

    private func validatePreemptionPolicy() -> [FieldError] {
        guard let policy = preemptionPolicy else { return [] }
        let path = FieldPath("preemptionPolicy")
        if policy.isEmpty { return [.required(path)] }
        return PreemptionPolicy.all.contains(policy) ? [] : [.notSupported(path, policy, PreemptionPolicy.all)]
    }
}
