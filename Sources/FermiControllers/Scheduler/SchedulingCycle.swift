import FermiAPI
import FermiRuntime
import Foundation

/// One scheduling cycle over a snapshot of the cluster, as a Volcano session runs it: jobs in
/// order of priority then age; each Volcano gang first admitted by its queue (open, within its
/// capability and its deserved share), then placed whole or not at all; every job left pending
/// gets the reason why.
public struct SchedulingCycle: Sendable {
    public var nodes: [SchedulingNode]
    public var jobs: [SchedulingJob]
    public var queues: [String: Queue]

    /// What the cycle decided.
    public struct Decisions: Sendable {
        /// Pods to bind, and where.
        public var bindings: [(pod: Pod, node: String)] = []
        /// Jobs left pending, and why.
        public var pending: [ObjectKey: PendingReason] = [:]
        /// Gangs admitted by their queue (Inqueue), placed or not.
        public var admitted: Set<ObjectKey> = []
        /// Resources held in each queue once the bindings are made.
        public var queueAllocated: [String: ResourceAmounts] = [:]
    }

    public init(nodes: [SchedulingNode], jobs: [SchedulingJob], queues: [String: Queue]) {
        self.nodes = nodes
        self.jobs = jobs
        self.queues = queues
    }

    public func run() -> Decisions {
        var decisions = Decisions()
        var nodes = self.nodes
        let nodeIndex = Dictionary(uniqueKeysWithValues: nodes.indices.map { (nodes[$0].name, $0) })
        var allocated = queueAllocations()
        let deserved = deservedShares(allocated: allocated)
        let ordered = jobs.sorted { left, right in
            if left.priority != right.priority { return left.priority > right.priority }
            let leftTime = left.creationTimestamp?.date.timeIntervalSince1970 ?? 0
            let rightTime = right.creationTimestamp?.date.timeIntervalSince1970 ?? 0
            if leftTime != rightTime { return leftTime < rightTime }
            return (left.key.namespace, left.key.name) < (right.key.namespace, right.key.name)
        }
        for job in ordered where !job.pending.isEmpty {
            let needs = job.pending.map(PodNeeds.init)
            let minimum = min(job.stillNeeded, needs.count)
            if let queueName = job.queue {
                let request = needs.prefix(max(minimum, 1)).reduce(ResourceAmounts.zero) { $0 + $1.requests }
                if let reason = queueRefusal(
                    queueName, request: request, allocated: allocated[queueName] ?? .zero,
                    deserved: deserved[queueName]?.share, limitedByOthers: deserved[queueName]?.limitedByOthers ?? [])
                {
                    decisions.pending[job.key] = reason
                    continue
                }
                decisions.admitted.insert(job.key)
            }
            var request = GangPlacement.Request(pods: needs, minimum: minimum)
            request.preferredZones = Set(job.active.compactMap { $0.spec.nodeName.flatMap { nodeIndex[$0] }.map { nodes[$0].zone } })
            guard let placement = GangPlacement.place(request, on: nodes) else {
                decisions.pending[job.key] = PendingReason.unplaceable(request, isGang: job.isGang, nodes: nodes)
                continue
            }
            for (podIndex, nodeName) in placement.sorted(by: { $0.key < $1.key }) {
                nodes[nodeIndex[nodeName]!].used += needs[podIndex].requests
                if let queueName = job.queue { allocated[queueName, default: .zero] += needs[podIndex].requests }
                decisions.bindings.append((job.pending[podIndex], nodeName))
            }
        }
        decisions.queueAllocated = allocated
        return decisions
    }

    /// Why `queue` will not take a gang asking for `request` now; nil when it will.
    private func queueRefusal(
        _ name: String, request: ResourceAmounts, allocated: ResourceAmounts, deserved: ResourceAmounts?,
        limitedByOthers: Set<String>
    ) -> PendingReason? {
        guard let queue = queues[name] else { return .queueMissing(name) }
        let state = queue.status?.state ?? QueueState.open
        if state == QueueState.closed || state == QueueState.closing { return .queueClosed(name) }
        let wanted = (allocated + request).restricted(to: request.milli.keys.filter { $0 != "pods" })
        if let capability = queue.spec.capability.map(ResourceAmounts.init) {
            let bounded = wanted.restricted(to: capability.milli.keys)
            if let resource = bounded.shortfall(in: capability).first {
                return .queueCapability(
                    queue: name, resource: resource, capability: capability.formatted(resource),
                    inUse: allocated.formatted(resource))
            }
        }
        // The deserved share binds only where other queues' claims hold it below what the
        // queue could have alone; a queue short only of free nodes is told so by placement.
        if let deserved, let resource = wanted.shortfall(in: deserved).first(where: { limitedByOthers.contains($0) }) {
            return .queueOverused(
                queue: name, resource: resource, deserved: deserved.formatted(resource), inUse: allocated.formatted(resource))
        }
        return nil
    }

    /// What the pods of each queue's gangs hold now.
    private func queueAllocations() -> [String: ResourceAmounts] {
        var allocated: [String: ResourceAmounts] = [:]
        for job in jobs {
            guard let queue = job.queue else { continue }
            for pod in job.active { allocated[queue, default: .zero] += PodNeeds(pod).requests }
        }
        return allocated
    }

    /// Each queue's deserved share of the nodes that take pods, from what it holds and what
    /// its pending gangs ask for, and the resources where other queues' claims hold it below
    /// what it would deserve alone.
    private func deservedShares(allocated: [String: ResourceAmounts])
        -> [String: (share: ResourceAmounts, limitedByOthers: Set<String>)]
    {
        var requests = allocated
        for job in jobs where !job.pending.isEmpty {
            guard let queue = job.queue else { continue }
            for pod in job.pending { requests[queue, default: .zero] += PodNeeds(pod).requests }
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
        var result: [String: (share: ResourceAmounts, limitedByOthers: Set<String>)] = [:]
        for (name, share) in QueueShare.deserved(claims, total: total) {
            let alone = QueueShare.deserved([name: claims[name]!], total: total)[name] ?? .zero
            result[name] = (share, Set(alone.milli.keys.filter { share[$0] < alone[$0] }))
        }
        return result
    }
}
