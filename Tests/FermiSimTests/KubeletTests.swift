import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiRuntimeTestSupport
import FermiSim
import Testing

/// The simulated kubelet: a bound pod pulls, starts, runs and ends on the virtual clock, as
/// its behaviour annotations say.
@Suite("Kubelet")
struct KubeletTests {
    func phase(_ cluster: SimCluster, _ name: String) async throws -> String? {
        try await cluster.server.get(Pod.self, name: name).status?.phase
    }

    @Test func aPodPullsStartsRunsAndSucceedsOnTheClock() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 1))
        // A 7.5 GiB image at 250 MiB/s: 31 s to pull, then 2 s to start.
        var image = Image(metadata: ObjectMeta(name: "train"))
        image.spec.repository = "registry.example.com/train"
        image.spec.tag = "1"
        image.spec.size = "7.5Gi"
        _ = try await cluster.server.create(image)
        try await cluster.base.running {
            let start = cluster.clock.now
            _ = try await cluster.server.create(
                SimCluster.pod("trainer", on: "a100-0", annotations: ["sim.fermi.dev/duration": "2h"]))
            try await cluster.manager.settle()
            var pod = try await cluster.server.get(Pod.self, name: "trainer")
            #expect(pod.status?.phase == "Pending")
            #expect(pod.status?.containerStatuses?.first?.state?.waiting?.reason == "ContainerCreating")
            #expect(pod.status?.startTime == Timestamp(start.date))
            #expect(pod.status?.hostIP != nil)

            try await cluster.advance(.seconds(32))
            #expect(try await phase(cluster, "trainer") == "Pending")
            try await cluster.advance(.seconds(1))
            pod = try await cluster.server.get(Pod.self, name: "trainer")
            #expect(pod.status?.phase == "Running")
            #expect(pod.status?.containerStatuses?.first?.state?.running?.startedAt == Timestamp(start.advanced(by: .seconds(33)).date))
            #expect(pod.status?.conditions?.first { $0.type == "Ready" }?.status == "True")

            let idle = try await cluster.manager.runUntilIdle(on: cluster.clock)
            #expect(idle)
            pod = try await cluster.server.get(Pod.self, name: "trainer")
            #expect(pod.status?.phase == "Succeeded")
            let terminated = pod.status?.containerStatuses?.first?.state?.terminated
            #expect(terminated?.exitCode == 0)
            #expect(terminated?.reason == "Completed")
            #expect(terminated?.finishedAt == Timestamp(start.advanced(by: .seconds(33 + 7200)).date))
            let reasons = try await cluster.server.list(Event.self, namespace: "default").items
                .filter { $0.involvedObject?.name == "trainer" }.compactMap(\.reason).sorted()
            #expect(reasons == ["Created", "Pulled", "Pulling", "Started"])
        }
    }

    @Test func podsStartingTogetherOnOneNodeEachRecordTheirStartAndTheNodeItsPullOnce() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 1))
        try await cluster.base.running {
            // Three pods (as many as the node's memory takes) racing to record the same pull.
            for index in 0..<3 {
                _ = try await cluster.server.create(
                    SimCluster.pod("worker-\(index)", on: "a100-0", gpus: 1, cpu: "4", annotations: ["sim.fermi.dev/duration": "1h"]))
            }
            try await cluster.advance(.seconds(60))
            let events = try await cluster.server.list(Event.self, namespace: "default").items
            for index in 0..<3 {
                #expect(try await phase(cluster, "worker-\(index)") == "Running")
                let reasons = events.filter { $0.involvedObject?.name == "worker-\(index)" }.compactMap(\.reason).sorted()
                #expect(reasons == ["Created", "Pulled", "Pulling", "Started"], "worker-\(index)")
            }
            let node = try await cluster.server.get(Node.self, name: "a100-0")
            #expect(node.status?.images?.map { $0.names?.first } == ["registry.example.com/train:1"])
            #expect(node.metadata.annotations?["sim.fermi.dev/pulled-images"] != nil)
        }
    }

    @Test func aFailingRunRestartsWithBackOffAndResumesFromItsCheckpoint() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 1))
        try await cluster.base.running {
            let start = cluster.clock.now
            _ = try await cluster.server.create(
                SimCluster.pod(
                    "flaky", on: "a100-0", restartPolicy: "OnFailure",
                    annotations: [
                        "sim.fermi.dev/duration": "60m", "sim.fermi.dev/fail-after": "25m",
                        "sim.fermi.dev/checkpoint-interval": "10m",
                    ]))
            try await cluster.manager.runUntilIdle(on: cluster.clock)
            let pod = try await cluster.server.get(Pod.self, name: "flaky")
            #expect(pod.status?.phase == "Succeeded")
            let status = try #require(pod.status?.containerStatuses?.first)
            #expect(status.restartCount == 1)
            #expect(status.lastState?.terminated?.exitCode == 1)
            #expect(status.lastState?.terminated?.reason == "Error")
            // Pull 17 s + start 2 s, fail at 25 min, back off 10 s, then the 40 min left after
            // the 20-minute checkpoint.
            let pulled = 17 + 2
            #expect(status.state?.terminated?.finishedAt == Timestamp(start.advanced(by: .seconds(pulled + 1500 + 10 + 2400)).date))
        }
    }

    @Test func aLostNodeFailsItsPodsAndComesBackEmpty() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 1))
        try await cluster.base.running {
            _ = try await cluster.server.create(SimCluster.pod("victim", on: "a100-0"))
            try await cluster.advance(.seconds(60))
            let running = try await cluster.server.get(Pod.self, name: "victim")
            #expect(running.status?.phase == "Running", "\(String(describing: running.status))")

            var node = try await cluster.server.get(Node.self, name: "a100-0")
            node.metadata.annotations?["sim.fermi.dev/fault"] = "Down"
            _ = try await cluster.server.update(node)
            try await cluster.manager.settle()
            node = try await cluster.server.get(Node.self, name: "a100-0")
            #expect(node.status?.conditions?.first { $0.type == "Ready" }?.status == "Unknown")
            let pod = try await cluster.server.get(Pod.self, name: "victim")
            #expect(pod.status?.phase == "Failed")
            #expect(pod.status?.reason == "NodeLost")
            #expect(pod.status?.message == "Node a100-0 which was running pod victim is unresponsive")

            node.metadata.annotations?["sim.fermi.dev/fault"] = nil
            _ = try await cluster.server.update(node)
            try await cluster.advance(.seconds(3600))
            node = try await cluster.server.get(Node.self, name: "a100-0")
            #expect(NodeConditions.isReady(node))
            #expect(try await phase(cluster, "victim") == "Failed")
        }
    }

    @Test func aZoneGoingDownTakesItsNodesDown() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(Zone(metadata: ObjectMeta(name: "cn-beijing-1"), spec: ZoneSpec(region: "cn-beijing")))
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 2))
        try await cluster.base.running {
            var zone = try await cluster.server.get(Zone.self, name: "cn-beijing-1")
            zone.metadata.annotations = ["sim.fermi.dev/fault": "Down"]
            _ = try await cluster.server.update(zone)
            try await cluster.manager.settle()
            let nodes = try await cluster.server.list(Node.self).items
            #expect(nodes.allSatisfy { !NodeConditions.isReady($0) })
            zone = try await cluster.server.get(Zone.self, name: "cn-beijing-1")
            #expect(zone.status?.health == "Down")
            #expect(zone.status?.readyNodes == 0)
        }
    }

    @Test func aPodThatDoesNotFitIsRejectedAsTheKubeletRejectsIt() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 1))
        try await cluster.base.running {
            _ = try await cluster.server.create(SimCluster.pod("first", on: "a100-0", gpus: 6))
            try await cluster.manager.settle()
            _ = try await cluster.server.create(SimCluster.pod("second", on: "a100-0", gpus: 4))
            try await cluster.manager.settle()
            let pod = try await cluster.server.get(Pod.self, name: "second")
            #expect(pod.status?.phase == "Failed")
            #expect(pod.status?.reason == "OutOfnvidia.com/gpu")
            #expect(
                pod.status?.message
                    == "Pod was rejected: Node didn't have enough resource: nvidia.com/gpu, requested: 4, used: 6, capacity: 8")
        }
    }

    @Test func aCPUShortfallIsWordedInMillicoresAsTheKubeletWordsIt() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 1))
        try await cluster.base.running {
            _ = try await cluster.server.create(SimCluster.pod("first", on: "a100-0", gpus: 1, cpu: "40500m"))
            try await cluster.manager.settle()
            _ = try await cluster.server.create(SimCluster.pod("second", on: "a100-0", gpus: 1, cpu: "24"))
            try await cluster.manager.settle()
            let pod = try await cluster.server.get(Pod.self, name: "second")
            #expect(pod.status?.reason == "OutOfcpu")
            #expect(
                pod.status?.message
                    == "Pod was rejected: Node didn't have enough resource: cpu, requested: 24000, used: 40500, capacity: 64000")
            #expect(try await cluster.server.get(Pod.self, name: "first").status?.phase != "Failed")
        }
    }
}
