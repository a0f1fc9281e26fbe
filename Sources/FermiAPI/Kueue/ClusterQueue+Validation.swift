extension ClusterQueue {
    /// Kueue's webhook and CRD rules: at most 16 resource groups; each covers 1–16 resources
    /// with 1–16 flavors whose resources name the covered ones in order; a resource or a
    /// flavor in one group only; quotas not negative; borrowing and lending limits only in a
    /// cohort, a lending limit no more than the nominal quota; known enums.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        if let cohort = spec.cohort, !cohort.isEmpty {
            errors += NameRules.dns1123Subdomain(cohort).map { .invalid(path.child("cohort"), cohort, $0) }
        }
        let enums: [(String, String?, [String])] = [
            ("queueingStrategy", spec.queueingStrategy, KueueEnums.queueingStrategies),
            ("stopPolicy", spec.stopPolicy, KueueEnums.stopPolicies),
        ]
        for (field, value, allowed) in enums {
            if let value, !allowed.contains(value) { errors.append(.notSupported(path.child(field), value, allowed)) }
        }
        if let preemption = spec.preemption {
            let preemptionPath = path.child("preemption")
            if let value = preemption.reclaimWithinCohort, !KueueEnums.reclaimWithinCohort.contains(value) {
                errors.append(.notSupported(preemptionPath.child("reclaimWithinCohort"), value, KueueEnums.reclaimWithinCohort))
            }
            if let value = preemption.withinClusterQueue, !KueueEnums.withinClusterQueue.contains(value) {
                errors.append(.notSupported(preemptionPath.child("withinClusterQueue"), value, KueueEnums.withinClusterQueue))
            }
            if let value = preemption.borrowWithinCohort?.policy, !KueueEnums.borrowWithinCohort.contains(value) {
                errors.append(
                    .notSupported(preemptionPath.child("borrowWithinCohort").child("policy"), value, KueueEnums.borrowWithinCohort))
            }
            if preemption.reclaimWithinCohort == "Never", let policy = preemption.borrowWithinCohort?.policy, policy != "Never" {
                errors.append(
                    .invalid(preemptionPath, policy, "reclaimWithinCohort=Never and borrowWithinCohort.Policy!=Never"))
            }
        }
        if let fungibility = spec.flavorFungibility {
            if let value = fungibility.whenCanBorrow, !KueueEnums.whenCanBorrow.contains(value) {
                errors.append(.notSupported(path.child("flavorFungibility").child("whenCanBorrow"), value, KueueEnums.whenCanBorrow))
            }
            if let value = fungibility.whenCanPreempt, !KueueEnums.whenCanPreempt.contains(value) {
                errors.append(.notSupported(path.child("flavorFungibility").child("whenCanPreempt"), value, KueueEnums.whenCanPreempt))
            }
        }
        errors += LabelSelectorRules.validate(spec.namespaceSelector, at: path.child("namespaceSelector"))
        errors += validateResourceGroups(at: path.child("resourceGroups"))
        return errors
    }

    private func validateResourceGroups(at path: FieldPath) -> [FieldError] {
        let groups = spec.resourceGroups ?? []
        var errors: [FieldError] = []
        if groups.count > 16 { errors.append(FieldError(.tooMany(count: groups.count, maximum: 16), path)) }
        var seenResources = Set<String>()
        var seenFlavors = Set<String>()
        let inCohort = !(spec.cohort ?? "").isEmpty
        for (groupIndex, group) in groups.enumerated() {
            let groupPath = path.index(groupIndex)
            let covered = group.coveredResources ?? []
            if covered.isEmpty { errors.append(.required(groupPath.child("coveredResources"))) }
            if covered.count > 16 { errors.append(FieldError(.tooMany(count: covered.count, maximum: 16), groupPath.child("coveredResources"))) }
            for (index, name) in covered.enumerated() where !seenResources.insert(name).inserted {
                errors.append(.duplicate(groupPath.child("coveredResources").index(index), name))
            }
            let flavors = group.flavors ?? []
            if flavors.isEmpty { errors.append(.required(groupPath.child("flavors"))) }
            if flavors.count > 16 { errors.append(FieldError(.tooMany(count: flavors.count, maximum: 16), groupPath.child("flavors"))) }
            for (flavorIndex, flavor) in flavors.enumerated() {
                let flavorPath = groupPath.child("flavors").index(flavorIndex)
                let name = flavor.name ?? ""
                errors += NameRules.dns1123Subdomain(name).map { .invalid(flavorPath.child("name"), name, $0) }
                if !seenFlavors.insert(name).inserted { errors.append(.duplicate(flavorPath.child("name"), name)) }
                let resources = flavor.resources ?? []
                if resources.count != covered.count {
                    errors.append(
                        .invalid(flavorPath.child("resources"), resources.count, "must have the same number of resources as the coveredResources"))
                }
                for (index, quota) in resources.enumerated() {
                    let quotaPath = flavorPath.child("resources").index(index)
                    if index < covered.count, quota.name != covered[index] {
                        errors.append(.invalid(quotaPath.child("name"), quota.name ?? "", "must match the name in coveredResources"))
                    }
                    errors += Self.validate(quota, inCohort: inCohort, at: quotaPath)
                }
            }
        }
        return errors
    }

    private static func validate(_ quota: ResourceQuota, inCohort: Bool, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (field, value) in [("nominalQuota", quota.nominalQuota), ("borrowingLimit", quota.borrowingLimit), ("lendingLimit", quota.lendingLimit)] {
            if let value, value.isNegative {
                errors.append(.invalid(path.child(field), value.description, "must be greater than or equal to 0"))
            }
        }
        if quota.nominalQuota == nil { errors.append(.required(path.child("nominalQuota"))) }
        if !inCohort, quota.borrowingLimit != nil {
            errors.append(.invalid(path.child("borrowingLimit"), quota.borrowingLimit!.description, "must be nil when cohort is empty"))
        }
        if let lending = quota.lendingLimit {
            if !inCohort {
                errors.append(.invalid(path.child("lendingLimit"), lending.description, "must be nil when cohort is empty"))
            }
            if let nominal = quota.nominalQuota, nominal < lending {
                errors.append(.invalid(path.child("lendingLimit"), lending.description, "must be less than or equal to the nominalQuota"))
            }
        }
        return errors
    }
}
