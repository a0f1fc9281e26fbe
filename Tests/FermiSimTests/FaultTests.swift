import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiRuntimeTestSupport
import FermiSim
import Testing

/// Faults: scheduled node and zone failures with recovery, a GPU failing under the pod that
/// holds it, and a deleted fault recovering its target.
@Suite("Faults")
struct FaultTests {
    func fault(_ name: String, _ target: String, after: String? = nil, duration: String? = nil) -> Fault {
        Fault(metadata: ObjectMeta(name: name), spec: FaultSpec(target: target, after: after, duration: duration))
    }

    @Test func aScheduledNodeFaultFailsItsPodsThenTheNodeRecoversEmpty() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 1))
        _ = try await cluster.server.create(SimCluster.pod("long", on: "a100-0", annotations: ["sim.fermi.dev/duration": "4h"]))
        _ = try await cluster.server.create(fault("outage", "node/a100-0", after: "1h", duration: "30m"))
        let start = cluster.clock.now
        try await cluster.base.running {
            try await cluster.advance(.seconds(3599))
            #expect(try await cluster.server.get(Pod.self, name: "long").status?.phase == "Running")
            #expect(try await cluster.server.get(Fault.self, name: "outage").status?.phase == "Pending")

            try await cluster.advance(.seconds(1))
            var pod = try await cluster.server.get(Pod.self, name: "long")
            #expect(pod.status?.phase == "Failed")
            #expect(pod.status?.reason == "NodeLost")
            #expect(try await cluster.server.get(Fault.self, name: "outage").status?.phase == "Active")
            #expect(!NodeConditions.isReady(try await cluster.server.get(Node.self, name: "a100-0")))

            try await cluster.manager.runUntilIdle(on: cluster.clock)
            #expect(cluster.elapsed(since: start) == .seconds(5400))
            let recovered = try await cluster.server.get(Fault.self, name: "outage")
            #expect(recovered.status?.phase == "Recovered")
            #expect(recovered.status?.recoveredAt == Timestamp(start.advanced(by: .seconds(5400)).date))
            #expect(NodeConditions.isReady(try await cluster.server.get(Node.self, name: "a100-0")))
            pod = try await cluster.server.get(Pod.self, name: "long")
            #expect(pod.status?.phase == "Failed")
        }
    }

    @Test func aFailedGPUFailsThePodHoldingItAndLeavesTheOtherRunning() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 1))
        try await cluster.base.running {
            _ = try await cluster.server.create(SimCluster.pod("first", on: "a100-0", gpus: 4))
            try await cluster.advance(.seconds(60))
            _ = try await cluster.server.create(SimCluster.pod("second", on: "a100-0", gpus: 4))
            try await cluster.advance(.seconds(60))
            // GPUs 0-3 went to the first pod to start, 4-7 to the second.
            _ = try await cluster.server.create(fault("xid", "gpu/a100-0/5"))
            try await cluster.manager.settle()

            let second = try await cluster.server.get(Pod.self, name: "second")
            #expect(second.status?.phase == "Failed")
            #expect(second.status?.containerStatuses?.first?.state?.terminated?.exitCode == 1)
            #expect(try await cluster.server.get(Pod.self, name: "first").status?.phase == "Running")
            let node = try await cluster.server.get(Node.self, name: "a100-0")
            #expect(node.status?.allocatable?["nvidia.com/gpu"] == Quantity(integer: 7))
            let reasons = try await cluster.server.list(Event.self).items.compactMap(\.reason)
            #expect(reasons.contains("GPUFailure"))

            try await cluster.server.delete(Fault.self, name: "xid")
            try await cluster.manager.settle()
            #expect(try await cluster.server.list(Fault.self).items.isEmpty)
            let repaired = try await cluster.server.get(Node.self, name: "a100-0")
            #expect(repaired.status?.allocatable?["nvidia.com/gpu"] == Quantity(integer: 8))
        }
    }

    @Test func aZoneFaultTakesTheZoneDownUntilItRecovers() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(Zone(metadata: ObjectMeta(name: "cn-beijing-1"), spec: ZoneSpec(region: "cn-beijing")))
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 2))
        _ = try await cluster.server.create(fault("region-outage", "zone/cn-beijing-1", duration: "2h"))
        try await cluster.base.running {
            let zone = try await cluster.server.get(Zone.self, name: "cn-beijing-1")
            let injected = try await cluster.server.get(Fault.self, name: "region-outage")
            #expect(zone.status?.health == "Down", "\(zone) \(injected)")
            #expect(try await cluster.server.list(Node.self).items.allSatisfy { !NodeConditions.isReady($0) })
            try await cluster.manager.runUntilIdle(on: cluster.clock)
            #expect(try await cluster.server.get(Zone.self, name: "cn-beijing-1").status?.health == "Healthy")
            #expect(try await cluster.server.list(Node.self).items.allSatisfy(NodeConditions.isReady))
        }
    }
}
