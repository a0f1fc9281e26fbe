import FermiAPI
import FermiRuntime
import Foundation

/// Running totals for each zone — its nodes, how many are Ready, their GPUs, and the GPUs pods
/// hold — kept up to date from node and pod changes, each adding its difference, so a zone of
/// thousands of nodes is never recounted node by node or pod by pod.
struct ZoneTally: Sendable {
    /// One zone's totals.
    struct Totals: Sendable, Equatable {
        var nodes = 0
        var readyNodes = 0
        var gpus: Decimal = 0
        var allocatedGPUs: Decimal = 0
    }

    /// What one node adds to its zone.
    private struct NodeShare: Equatable {
        var zone: String
        var ready: Bool
        var gpus: Decimal
    }

    private var nodes: [String: NodeShare] = [:]
    private var pods: [ObjectKey: (zone: String, gpus: Decimal)] = [:]
    private(set) var byZone: [String: Totals] = [:]

    /// Takes in `node` as it now is (nil: deleted); returns the zones whose totals changed.
    mutating func record(node name: String, _ node: Node?) -> [String] {
        let old = nodes[name]
        let new = node.flatMap { node in
            node.metadata.labels?[SimNames.zoneLabel].map { zone in
                NodeShare(zone: zone, ready: NodeConditions.isReady(node), gpus: GPUAllocation.physicalGPUs(of: node))
            }
        }
        nodes[name] = new
        guard old != new else { return [] }
        if let old { add(old, sign: -1) }
        if let new { add(new, sign: 1) }
        return Array(Set([old?.zone, new?.zone].compactMap { $0 }))
    }

    /// Takes in the GPUs `pod` holds now (nil: none, or deleted); returns the zones whose
    /// totals changed.
    mutating func record(pod key: ObjectKey, holding: (zone: String, gpus: Decimal)?) -> [String] {
        let old = pods[key]
        pods[key] = holding
        guard old?.zone != holding?.zone || old?.gpus != holding?.gpus else { return [] }
        if let old { byZone[old.zone, default: Totals()].allocatedGPUs -= old.gpus }
        if let holding { byZone[holding.zone, default: Totals()].allocatedGPUs += holding.gpus }
        return Array(Set([old?.zone, holding?.zone].compactMap { $0 }))
    }

    private mutating func add(_ share: NodeShare, sign: Int) {
        var totals = byZone[share.zone, default: Totals()]
        totals.nodes += sign
        if share.ready { totals.readyNodes += sign }
        totals.gpus += share.gpus * Decimal(sign)
        byZone[share.zone] = totals
    }
}
