import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import Testing

/// The scheduler on a manual clock: apply, step virtual time, look at bindings, PodGroup
/// phases and the reasons given for what waits.
@Suite("Scheduler")
struct SchedulerTests {
    @Test func podGoesToANodeOfTheGPUProductItsAffinityNames() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            try await cluster.pool("h100", replicas: 1, zone: "cn-beijing-1", product: "NVIDIA-H100-80GB-HBM3")
            var pod = SchedulerCluster.pod("wants-h100", gpus: 8)
            pod.spec.affinity = Affinity(
                nodeAffinity: NodeAffinity(
                    requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [
                        NodeSelectorTerm(matchExpressions: [
                            NodeSelectorRequirement(key: "nvidia.com/gpu.product", operator: "In", values: ["NVIDIA-H100-80GB-HBM3"])
                        ])
                    ])))
            _ = try await cluster.server.create(pod)
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.pod("wants-h100").spec.nodeName == "h100-0")
            #expect(try await cluster.events(about: "wants-h100", reason: "Scheduled") == ["Successfully assigned default/wants-h100 to h100-0"])
        }
    }

    @Test func cyclesComeAtMostOncePerSchedulePeriod() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            // Long enough after the pool's nodes came for the scheduler to be idle (the clock is
            // moved by hand: with no timer pending, playing time forward stops where it is).
            cluster.clock.advance(by: Scheduler.schedulePeriod * 5)
            try await cluster.manager.settle()
            // A change that finds the scheduler idle is decided at once, with the clock still.
            _ = try await cluster.server.create(SchedulerCluster.pod("first", gpus: 8))
            try await cluster.manager.settle()
            #expect(try await cluster.pod("first").spec.nodeName != nil)
            // One within the period of that cycle's start waits for the period's end.
            _ = try await cluster.server.create(SchedulerCluster.pod("second", gpus: 8))
            try await cluster.manager.settle()
            #expect(try await cluster.pod("second").spec.nodeName == nil)
            try await cluster.advance(Scheduler.schedulePeriod)
            #expect(try await cluster.pod("second").spec.nodeName != nil)
        }
    }

    @Test func aPodThatFitsNowhereSaysWhyNodeByNode() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            _ = try await cluster.server.create(SchedulerCluster.pod("too-big", gpus: 16))
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.pod("too-big").spec.nodeName == nil)
            #expect(
                try await cluster.events(about: "too-big", reason: "FailedScheduling")
                    == ["pod not placeable: 0 nodes fit; 2 lack nvidia.com/gpu"])
        }
    }

    @Test func gangIsPlacedWholeOrNotAtAllUnderContention() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 3, zone: "cn-beijing-1")
            try await cluster.queue("default")
            // Each gang fits alone (16 of 24 GPUs); both together do not.
            try await cluster.gang("first", size: 2, gpus: 8)
            try await cluster.gang("second", size: 2, gpus: 8)
            try await cluster.advance(.seconds(120))
            var boundPerGang: [String: Int] = [:]
            for gang in ["first", "second"] {
                for index in 0..<2 where try await cluster.pod("\(gang)-\(index)").spec.nodeName != nil {
                    boundPerGang[gang, default: 0] += 1
                }
            }
            #expect(boundPerGang == ["first": 2])
            #expect(try await cluster.group("first").status?.phase == "Running")
            #expect(try await cluster.group("second").status?.phase == "Inqueue")
            #expect(try await cluster.whyPending("second") == "gang 2/2 not placeable: 1 node fits; 2 lack nvidia.com/gpu")
            #expect(
                try await cluster.events(about: "second", reason: "Unschedulable")
                    == ["gang 2/2 not placeable: 1 node fits; 2 lack nvidia.com/gpu"])
        }
    }

    @Test func gangIsPackedOntoTheFewestNodesInOneZone() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.zone("cn-beijing-2")
            try await cluster.pool("a", replicas: 2, zone: "cn-beijing-1")
            try await cluster.pool("b", replicas: 2, zone: "cn-beijing-2")
            try await cluster.queue("default")
            try await cluster.gang("packed", size: 4, gpus: 4)
            try await cluster.advance(.seconds(60))
            var nodes: Set<String> = []
            for index in 0..<4 { nodes.insert(try #require(try await cluster.pod("packed-\(index)").spec.nodeName)) }
            #expect(nodes.count == 2)
            #expect(nodes == ["a-0", "a-1"] || nodes == ["b-0", "b-1"])
        }
    }

    @Test func degradedZoneIsUsedOnlyWhenHealthyZonesCannotAndDownZoneNever() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1", health: ZoneHealth.down)
            try await cluster.zone("cn-shenzhen-1", region: "cn-shenzhen", health: ZoneHealth.degraded)
            try await cluster.zone("cn-shanghai-1", region: "cn-shanghai")
            try await cluster.pool("down", replicas: 4, zone: "cn-beijing-1")
            try await cluster.pool("degraded", replicas: 2, zone: "cn-shenzhen-1")
            try await cluster.pool("healthy", replicas: 1, zone: "cn-shanghai-1")
            _ = try await cluster.server.create(SchedulerCluster.pod("first", gpus: 8))
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.pod("first").spec.nodeName == "healthy-0")
            _ = try await cluster.server.create(SchedulerCluster.pod("second", gpus: 8))
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.pod("second").spec.nodeName?.hasPrefix("degraded-") == true)
        }
    }

    @Test func queueCapabilityHoldsAGangPendingWithTheReason() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 4, zone: "cn-beijing-1")
            try await cluster.queue("ai-training", capability: ["nvidia.com/gpu": "16"])
            try await cluster.gang("runs", size: 2, gpus: 8, queue: "ai-training")
            try await cluster.advance(.seconds(60))
            try await cluster.gang("waits", size: 1, gpus: 8, queue: "ai-training")
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.group("runs").status?.phase == "Running")
            #expect(try await cluster.group("waits").status?.phase == "Pending")
            #expect(try await cluster.pod("waits-0").spec.nodeName == nil)
            #expect(try await cluster.whyPending("waits") == "queue ai-training: capability nvidia.com/gpu 16 reached (16 in use)")
            let queue = try await cluster.server.get(Queue.self, name: "ai-training")
            #expect(queue.status?.running == 1)
            #expect(queue.status?.pending == 1)
            #expect(queue.status?.allocated?["nvidia.com/gpu"] == "16")
            #expect(queue.status?.state == "Open")
        }
    }

    @Test func closedOrMissingQueueHoldsItsGangs() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            try await cluster.queue("shut", state: QueueState.closed)
            try await cluster.gang("in-shut", size: 1, gpus: 8, queue: "shut")
            try await cluster.gang("in-nowhere", size: 1, gpus: 8, queue: "nowhere")
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.whyPending("in-shut") == "queue shut is Closed")
            #expect(try await cluster.whyPending("in-nowhere") == "queue nowhere not found")
            #expect(try await cluster.pod("in-shut-0").spec.nodeName == nil)
        }
    }

    @Test func aVolcanoPodWithoutAGroupGetsOneAndRuns() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 1, zone: "cn-beijing-1")
            try await cluster.queue("default")
            var pod = SchedulerCluster.pod("solo", gpus: 8, schedulerName: "volcano")
            pod.metadata.annotations = ["sim.fermi.dev/duration": "1h"]
            let created = try await cluster.server.create(pod)
            try await cluster.advance(.seconds(120))
            let group = try await cluster.group("podgroup-\(try #require(created.metadata.uid))")
            #expect(group.spec.queue == "default")
            #expect(group.metadata.ownerReferences?.first?.name == "solo")
            #expect(group.status?.phase == "Running")
            #expect(try await cluster.pod("solo").spec.nodeName == "a100-0")
            try await cluster.advance(.seconds(3_600))
            #expect(try await cluster.group(group.name).status?.phase == "Completed")
            #expect(try await cluster.server.get(Queue.self, name: "default").status?.completed == 1)
        }
    }

    @Test func untoleratedTaintKeepsAPodOff() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            var pool = NodePool(
                metadata: ObjectMeta(name: "tainted"),
                spec: NodePoolSpec(
                    zone: "cn-beijing-1", replicas: 1,
                    shape: NodeShape(cpu: "64", memory: "256Gi", gpu: NodeGPU(product: "NVIDIA-A100-SXM4-80GB", count: 8, memory: "80Gi"))))
            pool.spec.taints = [Taint(key: "nvidia.com/gpu", value: "present", effect: "NoSchedule")]
            _ = try await cluster.server.create(pool)
            try await cluster.advance(.seconds(30))
            _ = try await cluster.server.create(SchedulerCluster.pod("intolerant", gpus: 1))
            var tolerant = SchedulerCluster.pod("tolerant", gpus: 1)
            tolerant.spec.tolerations = [Toleration(key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule")]
            _ = try await cluster.server.create(tolerant)
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.pod("tolerant").spec.nodeName == "tainted-0")
            #expect(try await cluster.pod("intolerant").spec.nodeName == nil)
            #expect(
                try await cluster.events(about: "intolerant", reason: "FailedScheduling")
                    == ["pod not placeable: 0 nodes fit; 1 has untolerated taint nvidia.com/gpu=present:NoSchedule"])
        }
    }

    @Test func aGangIsAdmittedOnTheMinResourcesItStates() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 4, zone: "cn-beijing-1")
            try await cluster.queue("small", capability: ["nvidia.com/gpu": "8"])
            // Its one pod asks for 8 GPUs, but the gang says it needs 16 to be worth starting.
            try await cluster.gang("big-start", size: 1, gpus: 8, queue: "small", minResources: ["nvidia.com/gpu": "16"])
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.pod("big-start-0").spec.nodeName == nil)
            #expect(try await cluster.whyPending("big-start") == "queue small: capability nvidia.com/gpu 8 reached (0 in use)")
        }
    }

    @Test func aGangWaitsUntilAllItsMembersExist() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 4, zone: "cn-beijing-1")
            try await cluster.queue("default")
            // Three members are needed; only two are made.
            try await cluster.gang("short", size: 2, gpus: 8, minMember: 3)
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.bound(["short-0", "short-1"]) == ["short-0": false, "short-1": false])
            #expect(try await cluster.whyPending("short") == "gang waits for its pods: 2 of minMember 3 exist")
        }
    }
}
