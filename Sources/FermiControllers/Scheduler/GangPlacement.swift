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

        var preferredZones: Set<String> { Set(activeByZone.keys) }

        public init(pods: [PodNeeds], minimum: Int) {
            self.pods = pods
            self.minimum = minimum
        }
    }

    /// Pod index → node name, for every pod placed (at least `minimum`); nil when the gang
    /// cannot be placed whole.
    public static func place(_ request: Request, on nodes: [SchedulingNode]) -> [Int: String]? {
        guard request.minimum <= request.pods.count else { return nil }
        if request.pods.isEmpty { return [:] }
        if let spread = request.zoneSpread { return placeSpread(request, spread: spread, on: nodes).placement }
        let eligible = eligibleNodes(for: request.pods, among: nodes)
        let healthy = eligible.filter { !nodes[$0].isInDegradedZone }
        // Degraded zones are tried only when the healthy ones cannot take the gang.
        for usable in healthy.count == eligible.count ? [eligible] : [healthy, eligible] {
            for domain in domains(of: usable, in: nodes, request: request) {
                if let placement = bestPlacement(request, over: domain, nodes: nodes) { return placement }
            }
        }
        return nil
    }

    /// A spread gang's placement: each named zone that is up takes its share (less what
    /// already runs there) or the gang waits, with the first zone short of its share; the
    /// shares of Down zones, and pods beyond the spread, are placed by the usual rules.
    static func placeSpread(_ request: Request, spread: [PlacementAnnotations.ZoneShare], on nodes: [SchedulingNode])
        -> (placement: [Int: String]?, short: (zone: String, fit: Int, wanted: Int)?)
    {
        let eligible = eligibleNodes(for: request.pods, among: nodes)
        let byZone = Dictionary(grouping: eligible) { nodes[$0].zone }
        let downZones = Set(nodes.filter { $0.zoneHealth == ZoneHealth.down }.map(\.zone))
        var placement: [Int: String] = [:]
        var next = 0
        for share in spread where !downZones.contains(share.zone) && next < request.pods.count {
            let active = request.activeByZone[share.zone] ?? 0
            let take = min(max(0, share.pods - active), request.pods.count - next)
            guard take > 0 else { continue }
            let slice = Request(pods: Array(request.pods[next..<(next + take)]), minimum: take)
            guard let placed = pack(slice, onto: byZone[share.zone] ?? [], nodes: nodes) else {
                let fit = pack(Request(pods: slice.pods, minimum: 0), onto: byZone[share.zone] ?? [], nodes: nodes)?.count ?? 0
                return (nil, (share.zone, active + fit, share.pods))
            }
            for (index, node) in placed { placement[next + index] = node }
            next += take
        }
        guard next < request.pods.count else { return (placement, nil) }
        // The rest go where the gang's usual rules send them, beside what was just placed.
        var rest = Request(pods: Array(request.pods[next...]), minimum: max(0, request.minimum - next))
        rest.activeByZone = request.activeByZone
        rest.mayCrossRegions = request.mayCrossRegions
        var remaining = nodes
        let index = Dictionary(uniqueKeysWithValues: nodes.indices.map { (nodes[$0].name, $0) })
        for (podIndex, node) in placement {
            remaining[index[node]!].used += request.pods[podIndex].requests
            rest.activeByZone[nodes[index[node]!].zone, default: 0] += 1
        }
        guard let placed = place(rest, on: remaining) else { return (nil, nil) }
        for (podIndex, node) in placed { placement[next + podIndex] = node }
        return (placement, nil)
    }

    /// Nodes that pass every rule but free resources for at least one of the pods.
    private static func eligibleNodes(for pods: [PodNeeds], among nodes: [SchedulingNode]) -> [Int] {
        let shapes = Set(pods)
        return nodes.indices.filter { index in
            shapes.contains { NodeFit.placementRejection(of: $0, on: nodes[index]) == nil }
        }
    }

    /// Candidate sets of nodes, tried in turn: each zone (as a group of zones that must be
    /// tried together: same preference), then each region, then everything when allowed.
    private static func domains(of eligible: [Int], in nodes: [SchedulingNode], request: Request) -> [[[Int]]] {
        let byZone = Dictionary(grouping: eligible) { nodes[$0].zone }
        let byRegion = Dictionary(grouping: eligible) { nodes[$0].region }
        let preferred = byZone.filter { request.preferredZones.contains($0.key) }.values.map { $0 }
        var tiers: [[[Int]]] = []
        if !preferred.isEmpty { tiers.append(preferred) }
        tiers.append(byZone.keys.sorted().map { byZone[$0]! })
        tiers.append(byRegion.keys.sorted().map { byRegion[$0]! })
        if request.mayCrossRegions { tiers.append([eligible]) }
        return tiers
    }

    /// The placement in one tier that uses the fewest nodes (then the tightest fit), or nil
    /// when no domain of the tier holds the gang.
    private static func bestPlacement(_ request: Request, over tier: [[Int]], nodes: [SchedulingNode]) -> [Int: String]? {
        var best: (placement: [Int: String], nodesUsed: Int, freeLeft: Int64)?
        for domain in tier {
            guard let placement = pack(request, onto: domain, nodes: nodes) else { continue }
            let used = Set(placement.values).count
            let freeLeft = domain.reduce(Int64(0)) { $0 + nodes[$1].free[dominantResource(of: request.pods[0])] }
            if best == nil || used < best!.nodesUsed || (used == best!.nodesUsed && freeLeft < best!.freeLeft) {
                best = (placement, used, freeLeft)
            }
        }
        return best?.placement
    }

    /// Places pods one by one on the node that fits it most tightly (the least of its main
    /// resource left over), so partly used nodes fill before empty ones are opened.
    private static func pack(_ request: Request, onto domain: [Int], nodes: [SchedulingNode]) -> [Int: String]? {
        var free = Dictionary(uniqueKeysWithValues: domain.map { ($0, nodes[$0].free) })
        var placement: [Int: String] = [:]
        for (podIndex, pod) in request.pods.enumerated() {
            let resource = dominantResource(of: pod)
            var chosen: (node: Int, left: Int64)?
            for index in domain where NodeFit.placementRejection(of: pod, on: nodes[index]) == nil {
                guard pod.requests.fits(in: free[index]!) else { continue }
                let left = free[index]![resource] - pod.requests[resource]
                if chosen == nil || left < chosen!.left || (left == chosen!.left && nodes[index].name < nodes[chosen!.node].name) {
                    chosen = (index, left)
                }
            }
            guard let chosen else { continue }
            free[chosen.node]! -= pod.requests
            placement[podIndex] = nodes[chosen.node].name
        }
        return placement.count >= request.minimum ? placement : nil
    }

    /// The resource a pod is packed by: its accelerator when it asks for one, else cpu.
    static func dominantResource(of pod: PodNeeds) -> String {
        pod.requests.milli.keys.sorted().first(where: AcceleratorResources.contains) ?? "cpu"
    }
}
