import FermiAPI

/// The nodes of one scheduling cycle, indexed for placement: by zone and region, each zone's
/// nodes kept sorted by what they have free of a resource (so the tightest node that fits is
/// found by binary search, not by a scan), each zone's total free, and which nodes pass a
/// pod's placement rules (computed once per set of rules). Updated as the cycle binds and
/// evicts, so a cycle over thousands of gangs stays near linear in nodes.
public struct NodeIndex: Sendable {
    public private(set) var nodes: [SchedulingNode]
    /// Node name → position in `nodes`.
    public let position: [String: Int]
    /// Zone names, sorted; `zoneOf[node]` indexes into it.
    let zones: [String]
    let zoneOf: [Int]
    let nodesOfZone: [[Int]]
    /// Zone indices of each region, regions sorted by name.
    let zonesOfRegion: [[Int]]
    let zoneIsDegraded: [Bool]
    /// Per resource, per zone: node positions sorted by (free amount, position).
    private var sorted: [String: [[Int]]] = [:]
    /// Per resource: what each node has free of it (the sort key, read without hashing).
    private var freeAmount: [String: [Int64]] = [:]
    /// Per resource, per zone: the free amount of all its nodes.
    private var zoneFree: [String: [Int64]] = [:]
    /// Per set of placement rules: which nodes pass them, and how many in each zone.
    private var eligibility: [PodNeeds.Rules: (passes: [Bool], perZone: [Int])] = [:]

    public init(_ nodes: [SchedulingNode]) {
        self.nodes = nodes
        position = Dictionary(nodes.indices.map { (nodes[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
        zones = Set(nodes.map(\.zone)).sorted()
        let zoneNumber = Dictionary(uniqueKeysWithValues: zones.enumerated().map { ($1, $0) })
        zoneOf = nodes.map { zoneNumber[$0.zone]! }
        var members = Array(repeating: [Int](), count: zones.count)
        var regionOfZone = Array(repeating: "", count: zones.count)
        var degraded = Array(repeating: false, count: zones.count)
        for (node, zone) in zoneOf.enumerated() {
            members[zone].append(node)
            regionOfZone[zone] = nodes[node].region
            degraded[zone] = nodes[node].isInDegradedZone
        }
        nodesOfZone = members
        zoneIsDegraded = degraded
        let regions = Dictionary(grouping: zones.indices) { regionOfZone[$0] }
        zonesOfRegion = regions.keys.sorted().map { regions[$0]! }
    }

    /// Which nodes pass `pod`'s placement rules (every rule but free resources).
    mutating func passes(_ pod: PodNeeds) -> (passes: [Bool], perZone: [Int]) {
        if let known = eligibility[pod.rules] { return known }
        var perZone = Array(repeating: 0, count: zones.count)
        let passes = nodes.indices.map { node in
            let ok = NodeFit.placementRejection(of: pod, on: nodes[node]) == nil
            if ok { perZone[zoneOf[node]] += 1 }
            return ok
        }
        eligibility[pod.rules] = (passes, perZone)
        return (passes, perZone)
    }

    /// Free `resource` of the nodes in `zone`, all told.
    mutating func free(of resource: String, inZone zone: Int) -> Int64 {
        track(resource)
        return zoneFree[resource]![zone]
    }

    /// The tightest node of `zone` (least of `resource` left over, then first by name) that
    /// passes `passes`, takes `needs` on top of what it holds, and is not in `skip`.
    mutating func tightest(
        for needs: PodNeeds, by resource: String, inZone zone: Int, passes: [Bool], skip: [Int: ResourceAmounts]
    ) -> Int? {
        track(resource)
        let wanted = needs.requests[resource]
        let order = sorted[resource]![zone]
        let amounts = freeAmount[resource]!
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if amounts[order[middle]] < wanted { low = middle + 1 } else { high = middle }
        }
        for node in order[low...] where passes[node] && skip[node] == nil && needs.requests.fits(in: nodes[node].free) {
            return node
        }
        return nil
    }

    /// Counts `requests` as held on `node`.
    mutating func hold(_ requests: ResourceAmounts, on node: Int) {
        change(node) { $0.used += requests }
    }

    /// Counts `requests` as no longer held on `node`.
    mutating func release(_ requests: ResourceAmounts, on node: Int) {
        change(node) { $0.used -= requests }
    }

    private mutating func change(_ node: Int, _ update: (inout SchedulingNode) -> Void) {
        let zone = zoneOf[node]
        let before = nodes[node].free
        for resource in sorted.keys { remove(node, from: resource, zone: zone) }
        update(&nodes[node])
        let after = nodes[node].free
        for resource in sorted.keys {
            freeAmount[resource]![node] = after[resource]
            insert(node, into: resource, zone: zone)
            zoneFree[resource]![zone] += after[resource] - before[resource]
        }
    }

    /// Starts keeping nodes sorted by what they have free of `resource`.
    private mutating func track(_ resource: String) {
        guard sorted[resource] == nil else { return }
        let amounts = nodes.map { $0.free[resource] }
        freeAmount[resource] = amounts
        sorted[resource] = nodesOfZone.map { members in
            members.sorted { (amounts[$0], $0) < (amounts[$1], $1) }
        }
        zoneFree[resource] = nodesOfZone.map { members in members.reduce(Int64(0)) { $0 + nodes[$1].free[resource] } }
    }

    /// Where `node` sits (or would sit) in its zone's order by `resource`.
    private func slot(of node: Int, in order: [Int], by resource: String) -> Int {
        let amounts = freeAmount[resource]!
        let key = (amounts[node], node)
        var low = 0
        var high = order.count
        while low < high {
            let middle = (low + high) / 2
            if (amounts[order[middle]], order[middle]) < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private mutating func remove(_ node: Int, from resource: String, zone: Int) {
        let at = slot(of: node, in: sorted[resource]![zone], by: resource)
        sorted[resource]![zone].remove(at: at)
    }

    private mutating func insert(_ node: Int, into resource: String, zone: Int) {
        let at = slot(of: node, in: sorted[resource]![zone], by: resource)
        sorted[resource]![zone].insert(node, at: at)
    }
}
