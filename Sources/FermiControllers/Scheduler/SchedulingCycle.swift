import FermiAPI
import FermiRuntime
import Foundation

/// One scheduling cycle over a snapshot of the cluster, as a Volcano session runs it: jobs in
/// order of priority then age; each Volcano gang first admitted by its queue (open, within its
/// capability and its deserved share), then placed whole or not at all; a job that cannot run
/// may evict lower-priority jobs of its queue or reclaim from queues over their share; every
/// job left pending gets the reason why.
public struct SchedulingCycle: Sendable {
    public var nodes: [SchedulingNode]
    public var jobs: [SchedulingJob]
    public var queues: [String: Queue]

    /// A running job evicted so that another can run.
    public struct Eviction: Sendable {
        public var pods: [Pod]
        public var group: PodGroup?
        /// `Preempted` or `Reclaimed`.
        public var reason: String
        public var message: String
    }

    /// What the cycle decided.
    public struct Decisions: Sendable {
        /// Pods to bind, and where.
        public var bindings: [(pod: Pod, node: String)] = []
        /// Jobs to evict before the bindings are made.
        public var evictions: [Eviction] = []
        /// Jobs left pending, and why.
        public var pending: [ObjectKey: PendingReason] = [:]
        /// Gangs admitted by their queue (Inqueue), placed or not.
        public var admitted: Set<ObjectKey> = []
        /// Resources held in each queue once the evictions and bindings are made.
        public var queueAllocated: [String: ResourceAmounts] = [:]
    }

    /// A queue's deserved share, and the resources where other queues' claims hold it below
    /// what it would deserve alone.
    struct Deserved {
        var share: ResourceAmounts
        var limitedByOthers: Set<String>
    }

    /// The cluster as the cycle has changed it so far.
    struct State {
        var index: NodeIndex
        var allocated: [String: ResourceAmounts]
        var decisions = Decisions()
        /// Jobs given pods or evicted this cycle: no longer anyone's victims.
        var settled: Set<ObjectKey> = []

        /// Frees what `victim`'s pods hold on their nodes and in their queue.
        mutating func release(_ victim: Preemption.Candidate) {
            for (pod, needs) in zip(victim.pods, victim.held) {
                if let node = pod.spec.nodeName.flatMap({ index.position[$0] }) { index.release(needs.requests, on: node) }
                if let queue = victim.queue { allocated[queue, default: .zero] -= needs.requests }
            }
        }

        /// Binds `job`'s placed pods and counts what they hold.
        mutating func bind(_ job: SchedulingJob, placement: [Int: String], needs: [PodNeeds]) {
            for (podIndex, nodeName) in placement.sorted(by: { $0.key < $1.key }) {
                index.hold(needs[podIndex].requests, on: index.position[nodeName]!)
                if let queue = job.queue { allocated[queue, default: .zero] += needs[podIndex].requests }
                decisions.bindings.append((job.pending[podIndex], nodeName))
            }
            settled.insert(job.key)
        }
    }

    public init(nodes: [SchedulingNode], jobs: [SchedulingJob], queues: [String: Queue]) {
        self.nodes = nodes
        self.jobs = jobs
        self.queues = queues
    }

    public func run() -> Decisions {
        var state = State(index: NodeIndex(nodes), allocated: queueAllocations())
        let deserved = deservedShares(allocated: state.allocated)
        for job in pendingJobsInOrder() {
            if let claim = job.missingClaim {
                state.decisions.pending[job.key] = .claimMissing(claim)
                continue
            }
            let needs = job.pendingNeeds
            // A gang whose members are not all made yet waits for them: placing the few there
            // are would be a partial gang.
            guard job.stillNeeded <= needs.count else {
                state.decisions.pending[job.key] = .gangIncomplete(
                    present: job.active.count + job.succeeded + needs.count, minMember: job.minMember)
                continue
            }
            let minimum = job.stillNeeded
            // A gang not yet running is admitted on its minResources when it states them, as
            // Volcano's enqueue does; otherwise on what its pods ask for.
            var queueRequest = needs.prefix(max(minimum, 1)).reduce(ResourceAmounts.zero) { $0 + $1.requests }
            if job.active.isEmpty, let minResources = job.group?.spec.minResources, !minResources.isEmpty {
                queueRequest = ResourceAmounts(minResources)
            }
            var request = GangPlacement.Request(pods: needs, minimum: minimum)
            for pod in job.active {
                guard let node = pod.spec.nodeName.flatMap({ state.index.position[$0] }) else { continue }
                request.activeByZone[state.index.nodes[node].zone, default: 0] += 1
            }
            if let metadata = job.group?.metadata {
                request.zoneSpread = PlacementAnnotations.zoneSpread(of: metadata)
                request.mayCrossRegions = PlacementAnnotations.mayCrossRegions(metadata)
            }
            let refusal = job.queue.flatMap { queue in
                queueRefusal(queue, request: queueRequest, allocated: state.allocated[queue] ?? .zero, deserved: deserved[queue])
            }
            if refusal == nil {
                if job.queue != nil { state.decisions.admitted.insert(job.key) }
                // Preferred node affinity first, where the pods state one; else anywhere.
                if needs.contains(where: { $0.preference != nil }) {
                    var preferring = request
                    preferring.pods = needs.map { $0.preferred ?? $0 }
                    if let placement = GangPlacement.place(preferring, in: &state.index) {
                        state.bind(job, placement: placement, needs: needs)
                        continue
                    }
                }
                if let placement = GangPlacement.place(request, in: &state.index) {
                    state.bind(job, placement: placement, needs: needs)
                    continue
                }
            }
            if !preempt(for: job, request: request, queueRequest: queueRequest, deserved: deserved, state: &state) {
                state.decisions.pending[job.key] =
                    refusal ?? PendingReason.unplaceable(request, isGang: job.isGang, in: &state.index)
            }
        }
        state.decisions.queueAllocated = state.allocated
        return state.decisions
    }

    /// The jobs with pods to place, by priority, then age, then key. Sort keys are read once
    /// per job: a job is large, and reading its age in each comparison would copy its group.
    private func pendingJobsInOrder() -> [SchedulingJob] {
        let keyed = jobs.indices.filter { !jobs[$0].pending.isEmpty }.map { index in
            let job = jobs[index]
            return (index: index, priority: job.priority, time: job.creationTimestamp?.date.timeIntervalSince1970 ?? 0, key: job.key)
        }
        return keyed.sorted { left, right in
            if left.priority != right.priority { return left.priority > right.priority }
            if left.time != right.time { return left.time < right.time }
            return (left.key.namespace, left.key.name) < (right.key.namespace, right.key.name)
        }.map { jobs[$0.index] }
    }

    /// Why `queue` will not take a gang asking for `request` now; nil when it will.
    func queueRefusal(_ name: String, request: ResourceAmounts, allocated: ResourceAmounts, deserved: Deserved?) -> PendingReason? {
        guard let queue = queues[name] else { return .queueMissing(name) }
        let state = queue.status?.state ?? QueueState.open
        if state == QueueState.closed || state == QueueState.closing { return .queueClosed(name) }
        let wanted = (allocated + request).restricted(to: request.quotaResources)
        if let capability = queue.spec.capability.map(ResourceAmounts.init) {
            let bounded = wanted.restricted(to: capability.names)
            if let resource = bounded.shortfall(in: capability).first {
                return .queueCapability(
                    queue: name, resource: resource, capability: capability.formatted(resource),
                    inUse: allocated.formatted(resource))
            }
        }
        // The deserved share binds only where other queues' claims hold it below what the
        // queue could have alone; a queue short only of free nodes is told so by placement.
        if let deserved,
            let resource = wanted.shortfall(in: deserved.share).first(where: { deserved.limitedByOthers.contains($0) })
        {
            return .queueOverused(
                queue: name, resource: resource, asked: request.formatted(resource), deserved: deserved.share.formatted(resource),
                inUse: allocated.formatted(resource))
        }
        return nil
    }

    /// What the pods of each queue's gangs hold now.
    private func queueAllocations() -> [String: ResourceAmounts] {
        var allocated: [String: ResourceAmounts] = [:]
        for job in jobs {
            guard let queue = job.queue else { continue }
            for needs in job.activeNeeds { allocated[queue, default: .zero] += needs.requests }
        }
        return allocated
    }

    /// Each queue's deserved share of the nodes that take pods, from what it holds and what
    /// its pending gangs ask for.
    private func deservedShares(allocated: [String: ResourceAmounts]) -> [String: Deserved] {
        var requests = allocated
        for job in jobs where !job.pending.isEmpty {
            guard let queue = job.queue else { continue }
            for needs in job.pendingNeeds { requests[queue, default: .zero] += needs.requests }
        }
        var claims: [String: QueueShare.Claim] = [:]
        for (name, queue) in queues {
            claims[name] = QueueShare.Claim(
                weight: Int64(queue.spec.weight ?? 1),
                guarantee: ResourceAmounts(queue.spec.guarantee?.resource),
                capability: queue.spec.capability.map(ResourceAmounts.init),
                request: requests[name] ?? .zero)
        }
        let total = nodes.filter { $0.isReady && $0.zoneHealth != ZoneHealth.down }
            .reduce(ResourceAmounts.zero) { $0 + $1.allocatable }
        var result: [String: Deserved] = [:]
        for (name, share) in QueueShare.deserved(claims, total: total) {
            let alone = QueueShare.deserved([name: claims[name]!], total: total)[name] ?? .zero
            result[name] = Deserved(share: share, limitedByOthers: Set(alone.names.filter { share[$0] < alone[$0] }))
        }
        return result
    }
}

extension ResourceAmounts {
    /// The resources a queue's quota speaks of: all but the pod count.
    var quotaResources: [String] { names.filter { $0 != "pods" } }
}
