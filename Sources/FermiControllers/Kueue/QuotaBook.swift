import FermiAPI

/// The quota of every ClusterQueue, flavor by flavor, and what admitted workloads use of it,
/// with Kueue's cohort arithmetic: a queue's nominal quota minus its lending limit is its
/// own; the rest of every member's quota is a pool that any member may borrow from, up to
/// its borrowing limit.
public struct QuotaBook: Sendable {
    /// One ClusterQueue's quotas: flavor → resource amounts.
    public struct Queue: Sendable {
        public var cohort: String?
        public var nominal: [String: ResourceAmounts] = [:]
        /// Only resources that set a limit appear; the rest borrow without one.
        public var borrowingLimit: [String: ResourceAmounts] = [:]
        public var lendingLimit: [String: ResourceAmounts] = [:]
        public var usage: [String: ResourceAmounts] = [:]

        public init(_ clusterQueue: ClusterQueue) {
            cohort = clusterQueue.spec.cohort.flatMap { $0.isEmpty ? nil : $0 }
            for group in clusterQueue.spec.resourceGroups ?? [] {
                for flavor in group.flavors ?? [] {
                    let name = flavor.name ?? ""
                    for quota in flavor.resources ?? [] {
                        let resource = quota.name ?? ""
                        nominal[name, default: .zero] += ResourceAmounts(milli: [resource: quota.nominalQuota?.milliValue ?? 0])
                        if let limit = quota.borrowingLimit {
                            borrowingLimit[name, default: .zero] += ResourceAmounts(milli: [resource: limit.milliValue])
                        }
                        if let limit = quota.lendingLimit {
                            lendingLimit[name, default: .zero] += ResourceAmounts(milli: [resource: limit.milliValue])
                        }
                    }
                }
            }
        }

        /// What of its nominal quota the queue keeps for itself (nominal minus lending limit).
        func guaranteed(_ flavor: String, _ resource: String) -> Int64 {
            guard let lending = lendingLimit[flavor], lending.contains(resource) else { return 0 }
            return max(0, (nominal[flavor]?[resource] ?? 0) - lending[resource])
        }

        /// What the queue lends to its cohort's pool.
        func lendable(_ flavor: String, _ resource: String) -> Int64 {
            (nominal[flavor]?[resource] ?? 0) - guaranteed(flavor, resource)
        }
    }

    public var queues: [String: Queue]

    public init(_ clusterQueues: [ClusterQueue]) {
        queues = Dictionary(clusterQueues.map { ($0.name, Queue($0)) }, uniquingKeysWith: { first, _ in first })
    }

    /// How much of `resource` in `flavor` queue `name` can still take: within its borrowing
    /// limit and what its cohort has unused.
    public func free(_ name: String, _ flavor: String, _ resource: String) -> Int64 {
        guard let queue = queues[name] else { return 0 }
        let nominal = queue.nominal[flavor]?[resource] ?? 0
        let used = queue.usage[flavor]?[resource] ?? 0
        guard let cohort = queue.cohort else { return nominal - used }
        var free = cohortAvailable(to: name, cohort: cohort, flavor, resource)
        if let limit = queue.borrowingLimit[flavor], limit.contains(resource) {
            free = min(free, nominal + limit[resource] - used)
        }
        return free
    }

    /// The most of `resource` in `flavor` queue `name` could ever hold, with nothing else
    /// admitted anywhere.
    public func capacity(_ name: String, _ flavor: String, _ resource: String) -> Int64 {
        guard let queue = queues[name] else { return 0 }
        let nominal = queue.nominal[flavor]?[resource] ?? 0
        guard let cohort = queue.cohort else { return nominal }
        var capacity = queue.guaranteed(flavor, resource)
            + members(of: cohort).reduce(Int64(0)) { $0 + $1.value.lendable(flavor, resource) }
        if let limit = queue.borrowingLimit[flavor], limit.contains(resource) {
            capacity = min(capacity, nominal + limit[resource])
        }
        return capacity
    }

    /// Whether queue `name` uses more of `resource` in `flavor` than its nominal quota.
    public func isBorrowing(_ name: String, _ flavor: String, _ resource: String) -> Bool {
        guard let queue = queues[name] else { return false }
        return (queue.usage[flavor]?[resource] ?? 0) > (queue.nominal[flavor]?[resource] ?? 0)
    }

    /// Whether queue `name` borrows anything at all.
    public func isBorrowing(_ name: String) -> Bool {
        guard let queue = queues[name] else { return false }
        return queue.usage.contains { flavor, amounts in amounts.names.contains { isBorrowing(name, flavor, $0) } }
    }

    public mutating func add(_ usage: [String: ResourceAmounts], to name: String) {
        for (flavor, amounts) in usage { queues[name]?.usage[flavor, default: .zero] += amounts }
    }

    public mutating func remove(_ usage: [String: ResourceAmounts], from name: String) {
        for (flavor, amounts) in usage { queues[name]?.usage[flavor, default: .zero] -= amounts }
    }

    private func members(of cohort: String) -> [String: Queue] {
        queues.filter { $0.value.cohort == cohort }
    }

    /// What queue `name` may take from its own kept quota and the cohort's unused pool.
    private func cohortAvailable(to name: String, cohort: String, _ flavor: String, _ resource: String) -> Int64 {
        let queue = queues[name]!
        let own = max(0, queue.guaranteed(flavor, resource) - (queue.usage[flavor]?[resource] ?? 0))
        var pool: Int64 = 0
        for member in members(of: cohort).values {
            let guaranteed = member.guaranteed(flavor, resource)
            pool += member.lendable(flavor, resource) - max(0, (member.usage[flavor]?[resource] ?? 0) - guaranteed)
        }
        return own + max(0, pool)
    }
}
