import FermiAPI
import FermiControllers
import Testing

@Suite("Queue share")
struct QueueShareTests {
    private func gpus(_ count: Int64) -> ResourceAmounts { ResourceAmounts(milli: ["nvidia.com/gpu": count * 1000]) }

    @Test func sharesFollowWeightsWhenEveryQueueWantsEverything() {
        let shares = QueueShare.deserved(
            ["heavy": .init(weight: 3, request: gpus(100)), "light": .init(weight: 1, request: gpus(100))], total: gpus(40))
        #expect(shares["heavy"]?["nvidia.com/gpu"] == 30_000)
        #expect(shares["light"]?["nvidia.com/gpu"] == 10_000)
    }

    @Test func aQueueThatAsksForLessLeavesTheRestToOthers() {
        let shares = QueueShare.deserved(
            ["heavy": .init(weight: 3, request: gpus(8)), "light": .init(weight: 1, request: gpus(100))], total: gpus(40))
        #expect(shares["heavy"]?["nvidia.com/gpu"] == 8_000)
        #expect(shares["light"]?["nvidia.com/gpu"] == 32_000)
    }

    @Test func guaranteeComesFirstAndCapabilityIsACeiling() {
        let shares = QueueShare.deserved(
            [
                "guaranteed": .init(weight: 1, guarantee: gpus(20), request: gpus(100)),
                "capped": .init(weight: 100, capability: gpus(6), request: gpus(100)),
                "other": .init(weight: 1, request: gpus(100)),
            ], total: gpus(40))
        #expect(shares["capped"]?["nvidia.com/gpu"] == 6_000)
        #expect(shares["guaranteed"]?["nvidia.com/gpu"] == 27_000)
        #expect(shares["other"]?["nvidia.com/gpu"] == 7_000)
    }

    @Test func theMemoryOfALargeClusterIsSharedWithoutOverflow() {
        // 5,000 nodes of 768Gi in thousandths of a byte is about 4.1e18: times a weight of 4
        // it no longer fits in 64 bits.
        let memory = ResourceAmounts(milli: ["memory": 5_000 * 768 * (1 << 30) * 1000])
        let shares = QueueShare.deserved(
            ["light": .init(weight: 1, request: memory), "heavy": .init(weight: 4, request: memory)], total: memory)
        #expect(shares["heavy"]?["memory"] == memory["memory"] / 5 * 4)
        #expect(shares["light"]?["memory"] == memory["memory"] / 5)
    }
}
