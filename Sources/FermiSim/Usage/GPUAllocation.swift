import FermiAPI
import Foundation

/// GPUs allocated and free on each node, and by zone and product: what `fermi top` shows.
/// A MIG slice or a time-sliced share counts as its part of a whole GPU.
public struct GPUAllocation: Sendable, Equatable {
    public var product: String
    public var total: Decimal
    public var allocated: Decimal
    public var cpuTotal: Decimal
    public var cpuAllocated: Decimal

    public var free: Decimal { max(0, total - allocated) }

    /// Each node's allocation, by node name, from the pods bound to it and not finished.
    public static func byNode(nodes: [Node], pods: [Pod]) -> [(node: Node, allocation: GPUAllocation)] {
        var podsByNode: [String: [Pod]] = [:]
        for pod in pods {
            guard pod.holdsNodeResources, let node = pod.spec.nodeName else { continue }
            podsByNode[node, default: []].append(pod)
        }
        return nodes.map { node in
            var allocation = GPUAllocation(
                product: product(of: node), total: physicalGPUs(of: node), allocated: 0,
                cpuTotal: node.status?.allocatable?["cpu"]?.value ?? 0, cpuAllocated: 0)
            for pod in podsByNode[node.name] ?? [] {
                let requests = PodResources.requests(of: pod)
                allocation.allocated += PodUsage.wholeGPUs(in: requests, on: node)
                allocation.cpuAllocated += requests["cpu"] ?? 0
            }
            return (node, allocation)
        }
    }

    /// Allocation summed by zone and product, in zone then product order.
    public static func byZone(nodes: [Node], pods: [Pod]) -> [(zone: String, allocation: GPUAllocation)] {
        var sums: [String: [String: GPUAllocation]] = [:]
        for (node, allocation) in byNode(nodes: nodes, pods: pods) where allocation.total > 0 {
            let zone = node.metadata.labels?[SimNames.zoneLabel] ?? "<none>"
            var sum = sums[zone]?[allocation.product]
                ?? GPUAllocation(product: allocation.product, total: 0, allocated: 0, cpuTotal: 0, cpuAllocated: 0)
            sum.total += allocation.total
            sum.allocated += allocation.allocated
            sum.cpuTotal += allocation.cpuTotal
            sum.cpuAllocated += allocation.cpuAllocated
            sums[zone, default: [:]][allocation.product] = sum
        }
        return sums.keys.sorted().flatMap { zone in
            sums[zone]!.keys.sorted().map { (zone, sums[zone]![$0]!) }
        }
    }

    /// The accelerator product a node carries, or `-` for none.
    public static func product(of node: Node) -> String {
        let labels = node.metadata.labels ?? [:]
        return labels[SimNames.gpuProductLabel] ?? labels["huawei.com/npu.product"] ?? "-"
    }

    /// The whole devices on `node` (a MIG-partitioned or time-sliced GPU counts once).
    public static func physicalGPUs(of node: Node) -> Decimal {
        let labels = node.metadata.labels ?? [:]
        if let count = (labels[SimNames.gpuCountLabel] ?? labels["huawei.com/npu.count"]).flatMap({ Decimal(string: $0) }) {
            return count
        }
        return (node.status?.capacity ?? [:]).filter { SimNames.isAccelerator($0.key) }.values.map(\.value).reduce(0, +)
    }
}
