import FermiAPI
import Foundation

/// What a pod asks of its node (`PodSpec.resourceRequests`), and the GPUs that comes to.
public enum PodResources {
    public static func requests(of pod: Pod) -> [String: Decimal] {
        pod.spec.resourceRequests
    }

    /// GPUs (or MIG slices, or NPUs) the pod holds.
    public static func accelerators(of pod: Pod) -> Decimal {
        requests(of: pod).filter { SimNames.isAccelerator($0.key) }.values.reduce(0, +)
    }

    /// The whole GPUs the pod's accelerator requests come to on `node`: a MIG slice or a
    /// time-sliced share counts as its part of a device.
    public static func wholeGPUs(of pod: Pod, on node: Node?) -> Decimal {
        PodUsage.wholeGPUs(in: requests(of: pod), on: node)
    }
}
