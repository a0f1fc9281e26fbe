import FermiAPI
import Foundation
import Testing

/// A pod's requests in thousandths are its exact requests, summed over containers (a limit
/// standing in for a missing request) and raised to the largest init container's.
@Suite("Pod resource requests")
struct PodResourceRequestsTests {
    private static func container(limits: ResourceList? = nil, requests: ResourceList? = nil) -> Container {
        var container = Container()
        container.name = "c"
        container.resources = ResourceRequirements(limits: limits, requests: requests)
        return container
    }

    static let specs: [PodSpec] = [
        PodSpec(containers: [
            container(limits: ["cpu": "2", "nvidia.com/gpu": "1"], requests: ["cpu": "500m"]),
            container(requests: ["cpu": "1.5", "memory": "16Gi"]),
        ]),
        {
            var spec = PodSpec(containers: [container(requests: ["cpu": "1", "memory": "1Gi"])])
            spec.initContainers = [container(requests: ["cpu": "4", "memory": "512Mi"])]
            return spec
        }(),
        // A ten-thousandth of a core is no whole number of thousandths: summed exactly, rounded up.
        PodSpec(containers: [container(requests: ["cpu": "100u"]), container(requests: ["cpu": "100u"])]),
        PodSpec(containers: [container(requests: ["cpu": "0"])]),
    ]

    @Test(arguments: specs)
    func theAmountsAreTheExactRequestsInThousandths(spec: PodSpec) {
        #expect(spec.resourceRequestAmounts == ResourceAmounts(spec.resourceRequests))
    }

    @Test func theAmountsOfAMixedPodAreItsSums() {
        let amounts = Self.specs[0].resourceRequestAmounts
        #expect(amounts.milli == ["cpu": 2000, "memory": 16 * (1 << 30) * 1000, "nvidia.com/gpu": 1000])
        #expect(Self.specs[1].resourceRequestAmounts.milli == ["cpu": 4000, "memory": (1 << 30) * 1000])
        #expect(Self.specs[2].resourceRequestAmounts.milli == ["cpu": 1])
    }
}
