import FermiAPI

extension Workload {
    /// Whether the condition of `type` is True.
    public func hasCondition(_ type: String) -> Bool {
        status?.conditions?.contains { $0.type == type && $0.status == ConditionStatus.true } ?? false
    }

    /// Whether quota is set aside for it in a ClusterQueue and it has not finished.
    public var holdsQuota: Bool {
        status?.admission != nil && hasCondition(KueueNames.quotaReserved) && !hasCondition(KueueNames.finished)
    }

    /// Whether it waits for quota: not holding any, not finished, and active.
    public var isQueued: Bool {
        !holdsQuota && !hasCondition(KueueNames.finished) && spec.active != false
    }

    /// The quota its admission holds, by flavor.
    public var admittedUsage: [String: ResourceAmounts] {
        var usage: [String: ResourceAmounts] = [:]
        for podSet in status?.admission?.podSetAssignments ?? [] {
            for (resource, flavor) in podSet.flavors ?? [:] {
                let amount = podSet.resourceUsage?[resource]?.milliValue ?? 0
                usage[flavor, default: .zero] += ResourceAmounts(milli: [resource: amount])
            }
        }
        return usage
    }

    public var priorityValue: Int32 { spec.priority ?? 0 }
}
