extension Workload {
    /// Kueue's rules: 1–8 pod sets with unique DNS-label names, counts not negative and a
    /// minimum count no more than the count, a queue name, and each template's pod rules.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec", "podSets")
        let sets = spec.podSets ?? []
        if sets.isEmpty { errors.append(.required(path)) }
        if sets.count > 8 { errors.append(FieldError(.tooMany(count: sets.count, maximum: 8), path)) }
        var names = Set<String>()
        for (index, set) in sets.enumerated() {
            let setPath = path.index(index)
            let name = set.name ?? ""
            errors += NameRules.dns1123Label(name).map { .invalid(setPath.child("name"), name, $0) }
            if !names.insert(name).inserted { errors.append(.duplicate(setPath.child("name"), name)) }
            let count = set.count ?? 0
            errors += PodSpecRules.nonNegative(count, at: setPath.child("count"))
            if let minimum = set.minCount {
                if minimum < 0 || minimum > count {
                    errors.append(.invalid(setPath.child("minCount"), minimum, "must be between 0 and count (\(count)), inclusive"))
                }
            }
            if let podSpec = set.template?.spec {
                errors += PodSpecRules.validate(podSpec, at: setPath.child("template").child("spec"))
            } else {
                errors.append(.required(setPath.child("template").child("spec")))
            }
        }
        if let queue = spec.queueName, !queue.isEmpty {
            errors += NameRules.dns1123Subdomain(queue).map { .invalid(FieldPath("spec", "queueName"), queue, $0) }
        }
        if let execution = spec.maximumExecutionTimeSeconds, execution < 1 {
            errors.append(.invalid(FieldPath("spec", "maximumExecutionTimeSeconds"), execution, "must be greater than or equal to 1"))
        }
        return errors
    }

    /// Kueue's defaults: pod set name `main`, count 1, active, and the templates' pod defaults.
    public mutating func setDefaults() {
        if spec.active == nil { spec.active = true }
        spec.podSets = spec.podSets?.map { set in
            var set = set
            if (set.name ?? "").isEmpty { set.name = "main" }
            if set.count == nil { set.count = 1 }
            var template = set.template ?? PodTemplateSpec()
            template.setDefaults()
            set.template = template
            return set
        }
    }
}
