import FermiAPI
import FermiRuntime

extension SchedulingCycle {
    /// Evicts what must go for `job` to run and places it; false when no eviction would do.
    /// A job may preempt jobs of lower priority in its own queue (or, outside queues, any of
    /// lower priority), and a gang whose queue stays within its deserved share may reclaim
    /// from reclaimable queues that hold more than theirs.
    func preempt(
        for job: SchedulingJob, request: GangPlacement.Request, queueRequest: ResourceAmounts,
        deserved: [String: Deserved], state: inout State
    ) -> Bool {
        let resource = GangPlacement.dominantResource(of: request.pods[0])
        let candidates = victimCandidates(for: job, queueRequest: queueRequest, resource: resource, deserved: deserved, state: state)
        guard !candidates.isEmpty else { return false }
        let current = state
        let victims = Preemption.victims(from: candidates, largestIn: resource) { victims in
            var trial = current
            for victim in victims { trial.release(victim) }
            if let queue = job.queue,
                queueRefusal(queue, request: queueRequest, allocated: trial.allocated[queue] ?? .zero, deserved: deserved[queue])
                    != nil
            {
                return false
            }
            return GangPlacement.place(request, in: &trial.index) != nil
        }
        guard let victims else { return false }
        for victim in victims {
            state.release(victim)
            state.settled.insert(victim.key)
            state.decisions.evictions.append(eviction(of: victim, for: job))
        }
        guard let placement = GangPlacement.place(request, in: &state.index) else { return false }
        if job.queue != nil { state.decisions.admitted.insert(job.key) }
        state.bind(job, placement: placement, needs: request.pods)
        return true
    }

    /// The running jobs `job` may evict: lower priority in its queue, and, when its queue
    /// would stay within its deserved share, the newest and least important jobs of each
    /// reclaimable queue for as long as that queue holds more than its own share.
    private func victimCandidates(
        for job: SchedulingJob, queueRequest: ResourceAmounts, resource: String, deserved: [String: Deserved], state: State
    ) -> [Preemption.Candidate] {
        let resources = queueRequest.quotaResources
        let mayReclaim = job.queue.map { queue in
            guard let share = deserved[queue]?.share else { return false }
            return ((state.allocated[queue] ?? .zero) + queueRequest).restricted(to: resources).shortfall(in: share).isEmpty
        } ?? false
        var candidates: [Preemption.Candidate] = []
        var reclaimable: [String: [Preemption.Candidate]] = [:]
        for other in jobs where other.key != job.key && !other.active.isEmpty && !state.settled.contains(other.key) {
            if other.queue == job.queue {
                guard job.mayPreempt, other.priority < job.priority else { continue }
                candidates.append(candidate(other, cause: .preemption))
            } else if mayReclaim, let queue = other.queue, queues[queue]?.spec.reclaimable != false {
                reclaimable[queue, default: []].append(candidate(other, cause: .preemption))
            }
        }
        for (queue, members) in reclaimable {
            let share = deserved[queue]?.share ?? .zero
            var held = state.allocated[queue] ?? .zero
            for member in Preemption.ordered(members, largestIn: resource) {
                guard let over = held.restricted(to: resources).shortfall(in: share).first else { break }
                var member = member
                member.cause = .reclaim(resource: over, inUse: held.formatted(over), deserved: share.formatted(over))
                candidates.append(member)
                held -= member.total
            }
        }
        return candidates
    }

    private func candidate(_ job: SchedulingJob, cause: Preemption.Cause) -> Preemption.Candidate {
        Preemption.Candidate(
            key: job.key, priority: job.priority, queue: job.queue, cause: cause, pods: job.active, held: job.activeNeeds,
            creationTimestamp: job.creationTimestamp)
    }

    private func eviction(of victim: Preemption.Candidate, for job: SchedulingJob) -> Eviction {
        let group = jobs.first { $0.key == victim.key }?.group
        let preemptor = "\(job.key.namespace)/\(job.key.name)"
        switch victim.cause {
        case .preemption:
            return Eviction(
                pods: victim.pods, group: group, reason: "Preempted",
                message: "preempted by \(preemptor) of higher priority (\(job.priority) > \(victim.priority))")
        case .reclaim(let resource, let inUse, let share):
            return Eviction(
                pods: victim.pods, group: group, reason: "Reclaimed",
                message: "reclaimed for \(preemptor) in queue \(job.queue ?? ""): queue \(victim.queue ?? "") "
                    + "held \(inUse) \(resource), above its deserved \(share)")
        }
    }
}
