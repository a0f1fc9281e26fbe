import FermiAPI

/// Each Volcano queue's deserved share of the cluster, as Volcano's proportion plugin divides
/// it: every queue first gets its guarantee; what remains is dealt out by weight, round after
/// round, to queues that still want more, none beyond what it asks for or its capability.
public enum QueueShare {
    /// One queue's claim on the cluster.
    public struct Claim: Sendable {
        public var weight: Int64
        public var guarantee: ResourceAmounts
        /// Its ceiling; resources it does not name are unbounded.
        public var capability: ResourceAmounts?
        /// What it holds plus what its pending work asks for.
        public var request: ResourceAmounts

        public init(weight: Int64, guarantee: ResourceAmounts = .zero, capability: ResourceAmounts? = nil, request: ResourceAmounts) {
            self.weight = max(1, weight)
            self.guarantee = guarantee
            self.capability = capability
            self.request = request
        }

        /// The most the queue can use of `resource`: its request, within its capability.
        func ceiling(_ resource: String) -> Int64 {
            let wanted = request[resource]
            guard let capability, capability.contains(resource) else { return wanted }
            return min(wanted, capability[resource])
        }
    }

    /// The deserved share of each queue, by queue name, out of `total`.
    public static func deserved(_ claims: [String: Claim], total: ResourceAmounts) -> [String: ResourceAmounts] {
        var deserved: [String: [String: Int64]] = [:]
        let resources = Set(total.names).union(claims.values.flatMap { $0.request.names })
        for resource in resources {
            var remaining = total[resource]
            var share: [String: Int64] = [:]
            for (name, claim) in claims {
                let floor = min(claim.guarantee[resource], claim.ceiling(resource))
                share[name] = floor
                remaining -= floor
            }
            // Deal out the rest by weight until it is gone or nobody wants more.
            while remaining > 0 {
                let hungry = claims.filter { share[$0.key]! < $0.value.ceiling(resource) }
                guard !hungry.isEmpty else { break }
                let weights = hungry.values.reduce(Int64(0)) { $0 + $1.weight }
                var dealt: Int64 = 0
                for (name, claim) in hungry.sorted(by: { $0.key < $1.key }) {
                    // In full width: thousandths of a byte of a large cluster's memory, times a
                    // weight, overflow 64 bits.
                    let portion = max(1, weights.dividingFullWidth(remaining.multipliedFullWidth(by: claim.weight)).quotient)
                    let given = min(portion, claim.ceiling(resource) - share[name]!, remaining - dealt)
                    share[name]! += given
                    dealt += given
                }
                remaining -= dealt
                if dealt == 0 { break }
            }
            for (name, amount) in share { deserved[name, default: [:]][resource] = amount }
        }
        return deserved.mapValues { ResourceAmounts(milli: $0) }
    }
}
