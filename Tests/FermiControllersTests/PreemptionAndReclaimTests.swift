import FermiAPI
import FermiAPIServer
import FermiControllers
import Testing

/// Evictions on a manual clock: priority preemption inside a queue, reclaim between queues,
/// and the limits on both.
@Suite("Preemption and reclaim")
struct PreemptionAndReclaimTests {
    @Test func aHigherPriorityGangEvictsTheLowestPriorityGangOfItsQueue() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            try await cluster.queue("default")
            try await cluster.priorityClass("low", value: 10)
            try await cluster.priorityClass("mid", value: 100)
            try await cluster.priorityClass("urgent", value: 1000)
            try await cluster.priorityClass("polite", value: 2000, preemptionPolicy: PreemptionPolicy.never)
            try await cluster.gang("low", size: 1, gpus: 8, priorityClass: "low")
            try await cluster.advance(.seconds(60))
            try await cluster.gang("mid", size: 1, gpus: 8, priorityClass: "mid")
            try await cluster.advance(.seconds(60))
            // Higher still, but its class says Never: it waits rather than evict.
            try await cluster.gang("polite", size: 1, gpus: 8, priorityClass: "polite")
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.bound(["low-0", "mid-0", "polite-0"]) == ["low-0": true, "mid-0": true, "polite-0": false])
            try await cluster.gang("urgent", size: 1, gpus: 8, priorityClass: "urgent")
            try await cluster.advance(.seconds(60))
            #expect(
                try await cluster.bound(["low-0", "mid-0", "polite-0", "urgent-0"])
                    == ["low-0": false, "mid-0": true, "polite-0": false, "urgent-0": true])
            #expect(
                try await cluster.events(about: "low-0", reason: "Preempted")
                    == ["preempted by default/urgent of higher priority (1000 > 10)"])
            #expect(try await cluster.events(about: "low", reason: "Preempted").count == 1)
            #expect(try await cluster.events(about: "mid-0", reason: "Preempted").isEmpty)
        }
    }

    @Test func aGangOfEqualPriorityNeverEvicts() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 1, zone: "cn-beijing-1")
            try await cluster.queue("default")
            try await cluster.priorityClass("mid", value: 100)
            try await cluster.gang("first", size: 1, gpus: 8, priorityClass: "mid")
            try await cluster.advance(.seconds(60))
            try await cluster.gang("second", size: 1, gpus: 8, priorityClass: "mid")
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.bound(["first-0", "second-0"]) == ["first-0": true, "second-0": false])
            #expect(try await cluster.whyPending("second") == "gang 1/1 not placeable: 0 nodes fit; 1 lacks nvidia.com/gpu")
        }
    }

    @Test func preemptionFreesRoomWithinTheQueuesCapability() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 4, zone: "cn-beijing-1")
            try await cluster.queue("ai-training", capability: ["nvidia.com/gpu": "8"])
            try await cluster.priorityClass("low", value: 10)
            try await cluster.priorityClass("urgent", value: 1000)
            try await cluster.gang("low", size: 1, gpus: 8, queue: "ai-training", priorityClass: "low")
            try await cluster.advance(.seconds(60))
            // The cluster has room; the queue does not, until the lower-priority gang goes.
            try await cluster.gang("urgent", size: 1, gpus: 8, queue: "ai-training", priorityClass: "urgent")
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.bound(["low-0", "urgent-0"]) == ["low-0": false, "urgent-0": true])
            #expect(
                try await cluster.server.get(Queue.self, name: "ai-training").status?.allocated?["nvidia.com/gpu"] == "8")
        }
    }

    @Test func aQueueWithinItsShareReclaimsTheNewestWorkOfAQueueOverItsShare() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            try await cluster.queue("training")
            try await cluster.queue("serving")
            // With serving idle, training may use the whole cluster.
            try await cluster.gang("train-a", size: 1, gpus: 8, queue: "training")
            try await cluster.advance(.seconds(60))
            try await cluster.gang("train-b", size: 1, gpus: 8, queue: "training")
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.bound(["train-a-0", "train-b-0"]) == ["train-a-0": true, "train-b-0": true])
            // Equal weights: each deserves 8 of the 16 GPUs once serving asks.
            try await cluster.gang("serve", size: 1, gpus: 8, queue: "serving")
            try await cluster.advance(.seconds(60))
            #expect(
                try await cluster.bound(["train-a-0", "train-b-0", "serve-0"])
                    == ["train-a-0": true, "train-b-0": false, "serve-0": true])
            #expect(
                try await cluster.events(about: "train-b-0", reason: "Reclaimed")
                    == ["reclaimed for default/serve in queue serving: queue training held 16 nvidia.com/gpu, above its deserved 8"])
        }
    }

    @Test func aQueueThatIsNotReclaimableKeepsWhatItHolds() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            try await cluster.queue("training", reclaimable: false)
            try await cluster.queue("serving")
            try await cluster.gang("train", size: 2, gpus: 8, queue: "training")
            try await cluster.advance(.seconds(60))
            try await cluster.gang("serve", size: 1, gpus: 8, queue: "serving")
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.bound(["train-0", "train-1", "serve-0"]) == ["train-0": true, "train-1": true, "serve-0": false])
            #expect(try await cluster.whyPending("serve") == "gang 1/1 not placeable: 0 nodes fit; 2 lack nvidia.com/gpu")
        }
    }

    @Test func aGuaranteeIsReclaimedFromAHeavierQueueAndAQueueWithoutOneIsToldItsShare() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            try await cluster.queue("big", weight: 100)
            try await cluster.queue("small", weight: 1, guarantee: ["nvidia.com/gpu": "8"])
            try await cluster.queue("tiny", weight: 1)
            try await cluster.gang("big-a", size: 1, gpus: 8, queue: "big")
            try await cluster.advance(.seconds(60))
            try await cluster.gang("big-b", size: 1, gpus: 8, queue: "big")
            try await cluster.advance(.seconds(60))
            try await cluster.gang("small", size: 1, gpus: 8, queue: "small")
            try await cluster.gang("tiny", size: 1, gpus: 8, queue: "tiny")
            try await cluster.advance(.seconds(60))
            #expect(
                try await cluster.bound(["big-a-0", "big-b-0", "small-0", "tiny-0"])
                    == ["big-a-0": true, "big-b-0": false, "small-0": true, "tiny-0": false])
            // 16 GPUs: small's guarantee of 8 first, the other 8 by weight 100 to 1.
            #expect(
                try await cluster.whyPending("tiny")
                    == "queue tiny: 8 more nvidia.com/gpu would exceed its deserved share of 79m (0 in use); "
                    + "other queues' shares claim the rest")
        }
    }

    @Test func queuesThatBothWantEverythingShareTheClusterByWeight() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            try await cluster.queue("heavy", weight: 3)
            try await cluster.queue("light", weight: 1)
            // Each queue asks for all 16 GPUs, one GPU a gang.
            for index in 0..<16 {
                try await cluster.gang("heavy-\(index)", size: 1, gpus: 1, queue: "heavy")
                try await cluster.gang("light-\(index)", size: 1, gpus: 1, queue: "light")
            }
            try await cluster.advance(.seconds(60))
            let heavy = try await cluster.server.get(Queue.self, name: "heavy").status
            let light = try await cluster.server.get(Queue.self, name: "light").status
            #expect(heavy?.allocated?["nvidia.com/gpu"] == "12")
            #expect(light?.allocated?["nvidia.com/gpu"] == "4")
            // Each pod asks for 8 of a node's 64 cores too: cores run out with the GPUs, and the
            // first resource short is named.
            #expect(
                try await cluster.whyPending("light-15")
                    == "queue light: 8 more cpu would exceed its deserved share of 32 (32 in use); "
                    + "other queues' shares claim the rest")
        }
    }
}
