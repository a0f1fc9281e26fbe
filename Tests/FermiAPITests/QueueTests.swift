import FermiAPI
import Foundation
import Testing

/// Volcano Queue: decoding, defaults and Volcano's admission rules.
@Suite("Volcano Queue")
struct QueueTests {
    @Test func decodesUpstreamExampleAndDefaults() throws {
        let json = """
            {"apiVersion": "scheduling.volcano.sh/v1beta1", "kind": "Queue",
             "metadata": {"name": "research"},
             "spec": {"weight": 4, "capability": {"cpu": "64", "nvidia.com/gpu": 16, "memory": "512Gi"},
                      "guarantee": {"resource": {"nvidia.com/gpu": "4"}}}}
            """
        var queue = try JSONDecoder().decode(Queue.self, from: Data(json.utf8))
        #expect(queue.spec.capability?["memory"] == Quantity("549755813888"))
        #expect(queue.spec.capability?["nvidia.com/gpu"]?.text == "16")
        #expect(queue.validate().isEmpty)
        queue.setDefaults()
        #expect(queue.spec.reclaimable == true)
        #expect(queue.spec.weight == 4)
    }

    @Test func guaranteeAboveCapabilityIsInvalid() {
        let queue = Queue(
            metadata: ObjectMeta(name: "q"),
            spec: QueueSpec(
                weight: 0, capability: ["nvidia.com/gpu": "8"],
                guarantee: QueueGuarantee(resource: ["nvidia.com/gpu": "10"])))
        #expect(
            queue.validate().map(\.description) == [
                "spec.weight: Invalid value: 0: queue weight must be a positive integer",
                "spec.guarantee.resource[nvidia.com/gpu]: Invalid value: \"10\": must be less than or equal to spec.capability (8)",
            ])
    }

    @Test func aNameThatIsAPathIsRejected() {
        let queue = Queue(metadata: ObjectMeta(name: "../x"))
        let messages = queue.validate().map(\.description)
        #expect(messages.first == "metadata.name: Invalid value: \"../x\": may not contain '/'")
        #expect(messages.count == 2)
    }
}
