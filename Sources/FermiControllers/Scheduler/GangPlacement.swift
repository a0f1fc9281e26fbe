import FermiAPI

/// Where a gang's pods go: at least `minimum` of them placed together or none at all, packed
/// onto the fewest nodes, inside one zone where one zone can hold them, else inside one region;
/// Degraded zones only when healthy ones cannot. A gang that names a zone spread gets exactly
/// its share in each named zone, and the share of a zone that is Down goes where the gang would
/// otherwise go.
public enum GangPlacement {
    /// What one gang asks for in one cycle.
    public struct Request: Sendable {
        /// The gang's unplaced pods, in the order they should be placed.
        public var pods: [PodNeeds]
        /// How many of them must be placed now for the gang to run.
        public var minimum: Int
        /// How many members already run in each zone: those zones are tried first, to keep
        /// the gang together, and they count towards a spread's shares.
        public var activeByZone: [String: Int] = [:]
        /// Pods per named zone, when the gang asks for a spread.
        public var zoneSpread: [PlacementAnnotations.ZoneShare]?
        /// Whether the gang may span regions when no region can hold it.
        public var mayCrossRegions = false

        public init(pods: [PodNeeds], minimum: Int) {
            self.pods = pods
            self.minimum = minimum
        }
    }

    /// Pod index → node name, for every pod placed (at least `minimum`); nil when the gang
    /// cannot be placed whole.
    public static func place(_ request: Request, on nodes: [SchedulingNode]) -> [Int: String]? {
        var index = NodeIndex(nodes)
        return place(request, in: &index)
    }

    /// As `place(_:on:)`, over an index the caller keeps (it learns which nodes pass which
    /// rules as it goes).
    public static func place(_ request: Request, in index: inout NodeIndex) -> [Int: String]? {
        guard request.minimum <= request.pods.count else { return nil }
        if request.pods.isEmpty { return [:] }
        if let spread = request.zoneSpread { return placeSpread(request, spread: spread, in: &index).placement }
        let usable = zonesWithEligibleNodes(for: request.pods, in: &index)
        let healthy = usable.filter { !index.zoneIsDegraded[$0] }
        // Degraded zones are tried only when the healthy ones cannot take the gang.
        for zones in healthy.count == usable.count ? [usable] : [healthy, usable] {
            for tier in tiers(of: zones, in: index, request: request) {
                if let placement = bestPlacement(request, over: tier, in: &index) { return placement }
            }
        }
        return nil
    }

    /// A spread gang's placement: each named zone that is up takes its share (less what
    /// already runs there) or the gang waits, with the first zone short of its share; the
    /// shares of Down zones, and pods beyond the spread, are placed by the usual rules.
    static func placeSpread(_ request: Request, spread: [PlacementAnnotations.ZoneShare], in index: inout NodeIndex)
        -> (placement: [Int: String]?, short: (zone: String, fit: Int, wanted: Int)?)
    {
        let zoneNumber = Dictionary(uniqueKeysWithValues: index.zones.enumerated().map { ($1, $0) })
        let downZones = Set(index.nodes.filter { $0.zoneHealth == ZoneHealth.down }.map(\.zone))
        var placement: [Int: String] = [:]
        var next = 0
        for share in spread where !downZones.contains(share.zone) && next < request.pods.count {
            let active = request.activeByZone[share.zone] ?? 0
            let take = min(max(0, share.pods - active), request.pods.count - next)
            guard take > 0 else { continue }
            let slice = Request(pods: Array(request.pods[next..<(next + take)]), minimum: take)
            let zones = zoneNumber[share.zone].map { [$0] } ?? []
            guard let placed = pack(slice, onto: zones, in: &index) else {
                let fit = pack(Request(pods: slice.pods, minimum: 0), onto: zones, in: &index)?.count ?? 0
                return (nil, (share.zone, active + fit, share.pods))
            }
            for (podIndex, node) in placed { placement[next + podIndex] = node }
            next += take
        }
        guard next < request.pods.count else { return (placement, nil) }
        // The rest go where the gang's usual rules send them, beside what was just placed.
        var rest = Request(pods: Array(request.pods[next...]), minimum: max(0, request.minimum - next))
        rest.activeByZone = request.activeByZone
        rest.mayCrossRegions = request.mayCrossRegions
        var remaining = index
        for (podIndex, node) in placement {
            let position = index.position[node]!
            remaining.hold(request.pods[podIndex].requests, on: position)
            rest.activeByZone[index.nodes[position].zone, default: 0] += 1
        }
        guard let placed = place(rest, in: &remaining) else { return (nil, nil) }
        for (podIndex, node) in placed { placement[next + podIndex] = node }
        return (placement, nil)
    }

    /// Zones with a node that passes every rule but free resources for one of the pods.
    private static func zonesWithEligibleNodes(for pods: [PodNeeds], in index: inout NodeIndex) -> [Int] {
        var counts = Array(repeating: 0, count: index.zones.count)
        for rules in Set(pods.map(\.rules)) {
            let pod = pods.first { $0.rules == rules }!
            for (zone, count) in index.passes(pod).perZone.enumerated() { counts[zone] += count }
        }
        return counts.indices.filter { counts[$0] > 0 }
    }

    /// Candidate sets of zones, tried in turn: zones where members run (together), each
    /// zone, each region, then everything when allowed.
    private static func tiers(of usable: [Int], in index: NodeIndex, request: Request) -> [[[Int]]] {
        let usableSet = Set(usable)
        let preferred = usable.filter { request.preferredZones.contains(index.zones[$0]) }
        var tiers: [[[Int]]] = []
        if !preferred.isEmpty { tiers.append(preferred.map { [$0] }) }
        tiers.append(usable.map { [$0] })
        tiers.append(index.zonesOfRegion.map { $0.filter(usableSet.contains) }.filter { !$0.isEmpty })
        if request.mayCrossRegions { tiers.append([usable]) }
        return tiers
    }

    /// The placement in one tier that uses the fewest nodes (then the domain with least free
    /// left), or nil when no domain of the tier holds the gang.
    private static func bestPlacement(_ request: Request, over tier: [[Int]], in index: inout NodeIndex) -> [Int: String]? {
        let resource = dominantResource(of: request.pods[0])
        // A domain with less free in all than the whole gang asks for cannot hold it.
        let needed = request.minimum == request.pods.count ? request.pods.reduce(Int64(0)) { $0 + $1.requests[resource] } : 0
        var best: (placement: [Int: String], nodesUsed: Int, freeLeft: Int64)?
        for domain in tier {
            var free: Int64 = 0
            for zone in domain { free += index.free(of: resource, inZone: zone) }
            guard free >= needed, let placement = pack(request, onto: domain, in: &index) else { continue }
            let used = Set(placement.values).count
            let freeLeft = free
            if best == nil || used < best!.nodesUsed || (used == best!.nodesUsed && freeLeft < best!.freeLeft) {
                best = (placement, used, freeLeft)
            }
        }
        return best?.placement
    }

    /// Places pods one by one on the node of `zones` that fits each most tightly (the least
    /// of its main resource left over, then first by name), so partly used nodes fill before
    /// empty ones are opened. Nothing is held in `index`: this is a trial.
    private static func pack(_ request: Request, onto zones: [Int], in index: inout NodeIndex) -> [Int: String]? {
        var taken: [Int: ResourceAmounts] = [:]
        var placement: [Int: String] = [:]
        // The pods of a gang almost always share their rules: look them up once.
        var rulesSeen: (rules: PodNeeds.Rules, passes: [Bool])?
        for (podIndex, pod) in request.pods.enumerated() {
            let resource = dominantResource(of: pod)
            if rulesSeen?.rules != pod.rules { rulesSeen = (pod.rules, index.passes(pod).passes) }
            let passes = rulesSeen!.passes
            var chosen: (node: Int, left: Int64)?
            func consider(_ node: Int, free: ResourceAmounts) {
                let left = free[resource] - pod.requests[resource]
                if chosen == nil || left < chosen!.left || (left == chosen!.left && node < chosen!.node) {
                    chosen = (node, left)
                }
            }
            // Nodes this trial has already used hold more than the index knows.
            for (node, extra) in taken where zones.contains(index.zoneOf[node]) && passes[node] {
                let free = index.nodes[node].free - extra
                if pod.requests.fits(in: free) { consider(node, free: free) }
            }
            for zone in zones {
                if let node = index.tightest(for: pod, by: resource, inZone: zone, passes: passes, skip: taken) {
                    consider(node, free: index.nodes[node].free)
                }
            }
            guard let chosen else { continue }
            taken[chosen.node, default: .zero] += pod.requests
            placement[podIndex] = index.nodes[chosen.node].name
        }
        return placement.count >= request.minimum ? placement : nil
    }

    /// The resource a pod is packed by: its accelerator when it asks for one, else cpu.
    static func dominantResource(of pod: PodNeeds) -> String { pod.dominantResource }
}

extension GangPlacement.Request {
    var preferredZones: Set<String> { Set(activeByZone.keys) }
}
