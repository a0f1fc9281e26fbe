import FermiAPI
import Foundation

/// What a pod asks of its node, as the scheduler and kubelet count it: per resource, the sum
/// over its containers (a container's limit stands in for a request it leaves out), or the
/// largest init container's, whichever is more.
public enum PodResources {
    public static func requests(of pod: Pod) -> [String: Decimal] {
        var total: [String: Decimal] = [:]
        for container in pod.spec.containers ?? [] {
            for (name, quantity) in effectiveRequests(container.resources) { total[name, default: 0] += quantity }
        }
        for container in pod.spec.initContainers ?? [] {
            for (name, quantity) in effectiveRequests(container.resources) {
                total[name] = max(total[name] ?? 0, quantity)
            }
        }
        return total
    }

    /// GPUs (or MIG slices, or NPUs) the pod holds.
    public static func accelerators(of pod: Pod) -> Decimal {
        requests(of: pod).filter { SimNames.isAccelerator($0.key) }.values.reduce(0, +)
    }

    /// The whole GPUs the pod's accelerator requests come to on `node`: a MIG slice or a
    /// time-sliced share counts as its part of a device.
    public static func wholeGPUs(of pod: Pod, on node: Node?) -> Decimal {
        wholeGPUs(in: requests(of: pod), on: node)
    }

    static func wholeGPUs(in requests: [String: Decimal], on node: Node?) -> Decimal {
        var gpus: Decimal = 0
        for (resource, quantity) in requests where SimNames.isAccelerator(resource) {
            gpus += quantity * PodUsage.gpuShare(of: resource, on: node)
        }
        return gpus
    }

    private static func effectiveRequests(_ resources: ResourceRequirements?) -> [String: Decimal] {
        var result: [String: Decimal] = [:]
        for (name, quantity) in resources?.limits ?? [:] { result[name] = quantity.value }
        for (name, quantity) in resources?.requests ?? [:] { result[name] = quantity.value }
        return result
    }
}
