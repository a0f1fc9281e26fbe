import FermiAPI
import FermiRuntime

extension KueueAdmissionCycle {
    /// An admitted workload and the ClusterQueue whose quota it holds.
    typealias Holder = (workload: Workload, clusterQueue: String)

    /// The admitted workloads to evict so that `workload` fits, and its flavors then; nil
    /// when its queue's preemption policy allows no set that would do. Within its queue it may
    /// preempt lower priority (or, with LowerOrNewerEqualPriority, newer of equal priority);
    /// in its cohort it may reclaim from queues that borrow (reclaimWithinCohort), and only
    /// with borrowWithinCohort may it borrow itself while doing so.
    func preempt(
        for workload: Workload, in clusterQueue: ClusterQueue, candidates admitted: [Holder], book: QuotaBook
    ) -> ([Holder], FlavorAssignment.Assignment)? {
        let policy = clusterQueue.spec.preemption
        let priority = workload.priorityValue
        let borrowWithinCohort = policy?.borrowWithinCohort?.policy == "LowerPriority"
        let threshold = policy?.borrowWithinCohort?.maxPriorityThreshold
        let mayPreemptWhileBorrowing: (Int32) -> Bool = { victim in
            borrowWithinCohort && victim < priority && threshold.map { victim <= $0 } ?? true
        }
        let cohort = book.queues[clusterQueue.name]?.cohort
        var holders: [ObjectKey: Holder] = [:]
        var candidates: [Preemption.Candidate] = []
        for holder in admitted where ObjectKey(holder.workload) != ObjectKey(workload) {
            let victim = holder.workload
            let victimPriority = victim.priorityValue
            let allowed: Bool
            if holder.clusterQueue == clusterQueue.name {
                let newer = (victim.metadata.creationTimestamp?.secondsSince1970 ?? 0)
                    > (workload.metadata.creationTimestamp?.secondsSince1970 ?? 0)
                switch policy?.withinClusterQueue ?? "Never" {
                case "LowerPriority": allowed = victimPriority < priority
                case "LowerOrNewerEqualPriority": allowed = victimPriority < priority || (victimPriority == priority && newer)
                default: allowed = false
                }
            } else if let cohort, book.queues[holder.clusterQueue]?.cohort == cohort, book.isBorrowing(holder.clusterQueue) {
                switch policy?.reclaimWithinCohort ?? "Never" {
                case "Any": allowed = true
                case "LowerPriority": allowed = victimPriority < priority
                default: allowed = mayPreemptWhileBorrowing(victimPriority)
                }
            } else {
                allowed = false
            }
            guard allowed else { continue }
            let key = ObjectKey(victim)
            holders[key] = holder
            candidates.append(
                Preemption.Candidate(
                    key: key, priority: victimPriority, queue: holder.clusterQueue, cause: .preemption,
                    total: victim.admittedUsage.values.reduce(.zero, +), creationTimestamp: victim.metadata.creationTimestamp))
        }
        guard !candidates.isEmpty else { return nil }
        // Kueue's order: workloads of other (borrowing) queues first, then the lowest
        // priority, then the most recently created.
        let ordered = candidates.sorted { left, right in
            let leftOther = left.queue != clusterQueue.name, rightOther = right.queue != clusterQueue.name
            if leftOther != rightOther { return leftOther }
            if left.priority != right.priority { return left.priority < right.priority }
            let leftTime = left.creationTimestamp?.secondsSince1970 ?? 0
            let rightTime = right.creationTimestamp?.secondsSince1970 ?? 0
            if leftTime != rightTime { return leftTime > rightTime }
            return (left.key.namespace, left.key.name) < (right.key.namespace, right.key.name)
        }
        let podSets = workload.spec.podSets ?? []
        let assignment: ([Preemption.Candidate]) -> FlavorAssignment.Assignment? = { victims in
            var trial = book
            for victim in victims { trial.remove(holders[victim.key]!.workload.admittedUsage, from: victim.queue ?? "") }
            guard case .fits(let assignment) = FlavorAssignment.assign(podSets, in: clusterQueue, flavors: flavors, book: trial)
            else { return nil }
            if assignment.borrows,
                !victims.allSatisfy({ $0.queue == clusterQueue.name || mayPreemptWhileBorrowing($0.priority) })
            {
                return nil
            }
            return assignment
        }
        guard let victims = Preemption.victims(fromOrdered: ordered, isEnough: { assignment($0) != nil }),
            let final = assignment(victims)
        else { return nil }
        return (victims.map { holders[$0.key]! }, final)
    }
}
