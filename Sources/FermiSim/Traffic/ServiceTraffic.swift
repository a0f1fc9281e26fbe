import FermiAPI
import FermiRuntime
import Foundation

/// The simulated traffic of one InferenceService, second by second: requests arrive at the
/// load's rate (Poisson, from the seed), go to a revision by the traffic split and, from the
/// zone they arise in, to the ready replica of that revision with the fewest outstanding
/// requests (one in the same zone if there is one). A revision with no ready replica has its
/// requests held by the activator until one is ready (or the request times out). A replica
/// works on `capacity` requests at once and queues the rest, so latency rises with load.
struct ServiceTraffic: Sendable {
    /// What the traffic meets this second: where the routes go and which replicas are ready.
    struct Inputs: Sendable {
        struct Route: Sendable {
            var revision: String
            var percent: Int
        }

        struct Replica: Sendable {
            var pod: String
            var revision: String
            var zone: String
            var ready: Bool
            /// What the replica costs a second while it runs.
            var costPerSecond: Decimal
        }

        var load: LoadModel
        var routes: [Route]
        var replicas: [Replica]
        /// Requests a replica of each revision works on at once.
        var capacity: [String: Int]
        /// How long the activator holds a request for a revision before it times out.
        var timeout: [String: Double]
        /// Zones requests arise in, with their weights; empty: anywhere.
        var origins: [(zone: String, weight: Int)]
    }

    /// A revision's running counts.
    struct RevisionCounts: Sendable {
        var requests: Int64 = 0
        var errors: Int64 = 0
        var window = TrafficWindow()
        var pending: [Double] = []
    }

    private(set) var lastSecond: Int64
    /// The second the last request arrived in.
    private(set) var lastRequestSecond: Int64?
    private var random: SeededRandom
    private var replicas: [String: ReplicaQueue] = [:]
    private(set) var revisions: [String: RevisionCounts] = [:]
    private(set) var window = TrafficWindow()
    private(set) var requests: Int64 = 0
    private(set) var errors: Int64 = 0
    private(set) var cost: Decimal = 0
    private(set) var zoneRequests: [String: Int64] = [:]
    private(set) var zoneServedElsewhere: [String: Int64] = [:]

    /// Traffic starting at `second`, drawing from `seed`, carrying on from `restored` (the
    /// figures last published, so totals survive a restart).
    init(second: Int64, seed: UInt64, salt: String, restored: ServingMetricsStatus?) {
        lastSecond = second
        random = SeededRandom(seed: seed, salt: "traffic:" + salt)
        requests = restored?.requests ?? 0
        errors = restored?.errors ?? 0
        cost = restored?.cost.flatMap { Decimal(string: $0) } ?? 0
        for revision in restored?.revisions ?? [] {
            guard let name = revision.name else { continue }
            revisions[name] = RevisionCounts(requests: revision.requests ?? 0, errors: revision.errors ?? 0)
        }
        for zone in restored?.zones ?? [] {
            guard let name = zone.zone else { continue }
            zoneRequests[name] = zone.requests ?? 0
            zoneServedElsewhere[name] = zone.servedElsewhere ?? 0
        }
    }

    /// Whether there is still something to play: requests held by the activator, or recent
    /// traffic still in the windows the figures are measured over (they fall to zero as it
    /// leaves them).
    var isSettling: Bool {
        revisions.values.contains { !$0.pending.isEmpty }
            || lastRequestSecond.map { lastSecond - $0 <= Int64(TrafficWindow.capacity) } ?? false
    }

    /// Requests a replica has been sent so far.
    func requests(ofReplica pod: String) -> Int64 {
        replicas[pod]?.requests ?? 0
    }

    /// Requests outstanding at a replica at `time`.
    mutating func outstanding(ofReplica pod: String, at time: Double) -> Int {
        replicas[pod]?.outstanding(at: time) ?? 0
    }

    /// Plays the seconds up to `second` (not including it); the load started at `loadStart`
    /// (nil: not yet).
    mutating func advance(to second: Int64, loadStart: Int64?, inputs: Inputs) {
        let ready = Dictionary(grouping: inputs.replicas.filter(\.ready), by: \.revision)
        for replica in inputs.replicas where replicas[replica.pod] == nil {
            replicas[replica.pod] = ReplicaQueue(capacity: inputs.capacity[replica.revision] ?? 16)
        }
        let known = Set(inputs.replicas.map(\.pod))
        replicas = replicas.filter { known.contains($0.key) }
        let costPerSecond = inputs.replicas.reduce(Decimal(0)) { $0 + $1.costPerSecond }
        while lastSecond < second {
            let now = Double(lastSecond)
            cost += costPerSecond
            serveHeld(at: now, ready: ready, inputs: inputs)
            if let loadStart, lastSecond >= loadStart {
                let elapsed = Duration.seconds(lastSecond - loadStart)
                let rate = inputs.load.rate(after: elapsed, at: Date(timeIntervalSince1970: now))
                var arrivals = (0..<poisson(rate)).map { _ in now + random.nextUnit() }
                arrivals.sort()
                for arrival in arrivals { serve(arrival, ready: ready, inputs: inputs) }
            }
            lastSecond += 1
        }
    }

    /// One request arriving at `arrival`: to a revision by the split, then to a replica.
    private mutating func serve(_ arrival: Double, ready: [String: [Inputs.Replica]], inputs: Inputs) {
        let second = Int64(arrival.rounded(.down))
        requests += 1
        lastRequestSecond = second
        guard let revision = pickRevision(inputs.routes) else {
            // No route yet: nowhere to send it.
            errors += 1
            window.record(second, latency: nil, error: true)
            return
        }
        let origin = pickOrigin(inputs.origins)
        if let origin { zoneRequests[origin, default: 0] += 1 }
        revisions[revision, default: RevisionCounts()].requests += 1
        if random.nextUnit() < inputs.load.errorRate {
            fail(revision, at: second, latency: 0.005)
            return
        }
        guard let replica = leastOutstanding(ready[revision] ?? [], preferring: origin, at: arrival) else {
            revisions[revision, default: RevisionCounts()].pending.append(arrival)
            return
        }
        if let origin, replica.zone != origin { zoneServedElsewhere[origin, default: 0] += 1 }
        let latency = replicas[replica.pod]!.take(arrival: arrival, work: work(inputs.load.serviceTime))
        revisions[revision]!.window.record(second, latency: latency)
        window.record(second, latency: latency)
    }

    /// Requests the activator holds go to replicas that have become ready; those held past
    /// their revision's timeout fail.
    private mutating func serveHeld(at now: Double, ready: [String: [Inputs.Replica]], inputs: Inputs) {
        for (revision, counts) in revisions where !counts.pending.isEmpty {
            let timeout = inputs.timeout[revision] ?? 300
            var held: [Double] = []
            for arrival in counts.pending {
                if now - arrival > timeout {
                    fail(revision, at: Int64(now), latency: timeout)
                    continue
                }
                guard let replica = leastOutstanding(ready[revision] ?? [], preferring: nil, at: now) else {
                    held.append(arrival)
                    continue
                }
                let latency = replicas[replica.pod]!.take(arrival: now, work: work(inputs.load.serviceTime)) + (now - arrival)
                revisions[revision]!.window.record(Int64(now), latency: latency)
                window.record(Int64(now), latency: latency)
            }
            revisions[revision]!.pending = held
        }
    }

    private mutating func fail(_ revision: String, at second: Int64, latency: Double) {
        errors += 1
        revisions[revision, default: RevisionCounts()].errors += 1
        revisions[revision]!.window.record(second, latency: latency, error: true)
        window.record(second, latency: latency, error: true)
    }

    /// The ready replica with the fewest outstanding requests, in `zone` if any is.
    private mutating func leastOutstanding(_ candidates: [Inputs.Replica], preferring zone: String?, at time: Double) -> Inputs.Replica? {
        let local = zone.map { zone in candidates.filter { $0.zone == zone } } ?? []
        var best: (replica: Inputs.Replica, outstanding: Int)?
        for replica in local.isEmpty ? candidates : local {
            let outstanding = replicas[replica.pod]?.outstanding(at: time) ?? 0
            if best == nil || outstanding < best!.outstanding { best = (replica, outstanding) }
        }
        return best?.replica
    }

    private mutating func pickRevision(_ routes: [Inputs.Route]) -> String? {
        let total = routes.reduce(0) { $0 + max(0, $1.percent) }
        guard total > 0 else { return nil }
        var draw = random.nextUnit() * Double(total)
        for route in routes where route.percent > 0 {
            draw -= Double(route.percent)
            if draw < 0 { return route.revision }
        }
        return routes.last { $0.percent > 0 }?.revision
    }

    private mutating func pickOrigin(_ origins: [(zone: String, weight: Int)]) -> String? {
        let total = origins.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        var draw = random.nextUnit() * Double(total)
        for origin in origins {
            draw -= Double(origin.weight)
            if draw < 0 { return origin.zone }
        }
        return origins.last?.zone
    }

    /// One request's work: the service time, varied (log-normally, averaging the same).
    private mutating func work(_ serviceTime: Duration) -> Double {
        serviceTime.inSeconds * exp(0.3 * gaussian() - 0.045)
    }

    /// How many requests arrive in a second at `rate`: Poisson, by counting for small rates
    /// and by its normal approximation for large ones.
    private mutating func poisson(_ rate: Double) -> Int {
        guard rate > 0 else { return 0 }
        if rate > 30 { return max(0, Int((rate + rate.squareRoot() * gaussian()).rounded())) }
        let limit = exp(-rate)
        var product = random.nextUnit()
        var count = 0
        while product > limit {
            count += 1
            product *= random.nextUnit()
        }
        return count
    }

    private mutating func gaussian() -> Double {
        let u = max(1e-12, random.nextUnit())
        let v = random.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
