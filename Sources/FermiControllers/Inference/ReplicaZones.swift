import FermiAPI

/// How many of a revision's replicas go in each zone its `placement.fermi.dev/zones`
/// annotation names: in proportion to the counts written (largest remainder first, then the
/// order written), so a service scaled above or below those counts keeps their shape; a zone
/// that is Down hands its share to the others in the same proportion. With every named zone
/// Down, the replicas go wherever there is room (nil).
enum ReplicaZones {
    static func assign(_ total: Int, over spread: [PlacementAnnotations.ZoneShare], down: Set<String>) -> [String: Int]? {
        let usable = spread.filter { !down.contains($0.zone) }
        let weight = usable.reduce(0) { $0 + $1.pods }
        guard weight > 0 else { return nil }
        var counts: [String: Int] = [:]
        var remainders: [(zone: String, remainder: Int, order: Int)] = []
        var given = 0
        for (order, share) in usable.enumerated() {
            let exact = total * share.pods
            counts[share.zone] = exact / weight
            given += exact / weight
            remainders.append((share.zone, exact % weight, order))
        }
        remainders.sort { ($0.remainder, -$0.order) > ($1.remainder, -$1.order) }
        for entry in remainders.prefix(total - given) { counts[entry.zone, default: 0] += 1 }
        return counts
    }
}
