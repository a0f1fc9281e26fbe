import FermiAPI
import FermiRuntime

/// Which running jobs to evict so that a pending one can run, as Kubernetes' default
/// preemption and Volcano's preempt and reclaim actions choose them: lowest priority first,
/// then the fewest. Candidates are taken lowest priority (then largest, then newest) first
/// until the pending job fits; then each one whose eviction turns out unneeded is spared,
/// highest priority first.
public enum Preemption {
    /// Why a running job may be evicted.
    public enum Cause: Hashable, Sendable {
        /// A job of higher priority in its queue (or, outside queues, anywhere) needs room.
        case preemption
        /// Its queue holds more than its deserved share and is reclaimable; another queue,
        /// within its own share, needs room.
        case reclaim(resource: String, inUse: String, deserved: String)
    }

    /// A running job that may be evicted, and what evicting it frees.
    public struct Candidate: Sendable {
        public var key: ObjectKey
        public var priority: Int32
        public var queue: String?
        public var cause: Cause
        /// Its pods that hold a node's resources (none for a Kueue workload, which holds quota).
        public var pods: [Pod]
        /// What each of those pods holds, in the same order.
        public var held: [PodNeeds]
        /// What evicting it frees in all.
        public var total: ResourceAmounts
        public var creationTimestamp: Timestamp?

        public init(
            key: ObjectKey, priority: Int32, queue: String?, cause: Cause, pods: [Pod], held: [PodNeeds]? = nil,
            creationTimestamp: Timestamp?
        ) {
            self.key = key
            self.priority = priority
            self.queue = queue
            self.cause = cause
            self.pods = pods
            self.held = held ?? pods.map { PodNeeds($0) }
            total = self.held.reduce(.zero) { $0 + $1.requests }
            self.creationTimestamp = creationTimestamp
        }

        /// A candidate that holds `total` of a queue's quota rather than pods.
        public init(
            key: ObjectKey, priority: Int32, queue: String?, cause: Cause, total: ResourceAmounts, creationTimestamp: Timestamp?
        ) {
            self.key = key
            self.priority = priority
            self.queue = queue
            self.cause = cause
            pods = []
            held = []
            self.total = total
            self.creationTimestamp = creationTimestamp
        }
    }

    /// The victims to evict, or nil when evicting every candidate would not be enough.
    /// `resource` is what the pending job is short of most (its GPUs): larger holders of it
    /// go first among equals, so fewer are evicted. `isEnough` says whether the pending job
    /// could run with the given victims gone.
    public static func victims(
        from candidates: [Candidate], largestIn resource: String, isEnough: ([Candidate]) -> Bool
    ) -> [Candidate]? {
        victims(fromOrdered: ordered(candidates, largestIn: resource), isEnough: isEnough)
    }

    /// The victims among candidates already in the order they are to be taken.
    public static func victims(fromOrdered candidates: [Candidate], isEnough: ([Candidate]) -> Bool) -> [Candidate]? {
        var chosen: [Candidate] = []
        var enough = false
        for candidate in candidates {
            chosen.append(candidate)
            if isEnough(chosen) {
                enough = true
                break
            }
        }
        guard enough else { return nil }
        // Spare whoever need not go, the highest priority first.
        for spared in chosen.reversed() {
            let without = chosen.filter { $0.key != spared.key }
            if isEnough(without) { chosen = without }
        }
        return chosen
    }

    /// Candidates in the order they are taken: lowest priority, then most of `resource`
    /// held, then newest.
    public static func ordered(_ candidates: [Candidate], largestIn resource: String) -> [Candidate] {
        candidates.sorted { left, right in
            if left.priority != right.priority { return left.priority < right.priority }
            let leftSize = left.total[resource], rightSize = right.total[resource]
            if leftSize != rightSize { return leftSize > rightSize }
            let leftTime = left.creationTimestamp?.secondsSince1970 ?? 0
            let rightTime = right.creationTimestamp?.secondsSince1970 ?? 0
            if leftTime != rightTime { return leftTime > rightTime }
            return (left.key.namespace, left.key.name) < (right.key.namespace, right.key.name)
        }
    }
}
