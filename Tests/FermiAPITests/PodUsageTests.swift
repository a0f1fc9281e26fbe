import FermiAPI
import Foundation
import Testing

/// A pod's GPU-hours count each slice or share as its part of a whole device.
@Suite("Pod usage")
struct PodUsageTests {
    private func node(gpus: String, advertising resource: String, _ count: Int64) -> Node {
        var node = Node(metadata: ObjectMeta(name: "gpu-node", labels: [WellKnownLabels.gpuCount: gpus]))
        node.status = NodeStatus(capacity: [resource: Quantity(integer: count)])
        return node
    }

    @Test func aWholeDeviceIsOneGPUAndASliceOrShareItsPart() {
        #expect(PodUsage.gpuShare(of: "nvidia.com/gpu", on: node(gpus: "8", advertising: "nvidia.com/gpu", 8)) == 1)
        // Seven 1g.10gb slices per A100: each is a seventh of a device.
        let mig = node(gpus: "8", advertising: "nvidia.com/mig-1g.10gb", 56)
        #expect(PodUsage.gpuShare(of: "nvidia.com/mig-1g.10gb", on: mig) == Decimal(8) / Decimal(56))
        // Four pods share each time-sliced GPU.
        #expect(PodUsage.gpuShare(of: "nvidia.com/gpu", on: node(gpus: "8", advertising: "nvidia.com/gpu", 32)) == Decimal(string: "0.25"))
        // Fewer advertised than there are devices is still at most one device each.
        #expect(PodUsage.gpuShare(of: "nvidia.com/gpu", on: node(gpus: "8", advertising: "nvidia.com/gpu", 4)) == 1)
        #expect(PodUsage.wholeGPUs(in: ["nvidia.com/mig-1g.10gb": 7, "cpu": 4], on: mig) == 7 * (Decimal(8) / Decimal(56)))
        #expect(PodUsage.gpuShare(of: "nvidia.com/gpu", on: nil) == 1)
    }
}
