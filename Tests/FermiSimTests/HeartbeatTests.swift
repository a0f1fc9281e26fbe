import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiRuntimeTestSupport
import FermiSim
import Testing

/// Live nodes post their status on a heartbeat even when nothing changed.
@Suite("Node heartbeats")
struct HeartbeatTests {
    @Test func aReadyNodePostsAHeartbeatEveryInterval() async throws {
        let base = try await TestCluster()
        base.manager.add(NodePoolController.controller(in: base.manager))
        base.manager.add(NodeLifecycleController.controller(in: base.manager, heartbeat: .seconds(300)))
        _ = try await base.server.create(SimCluster.a100Pool(replicas: 1))
        let start = base.clock.now
        try await base.running {
            func heartbeat() async throws -> Timestamp? {
                try await base.server.get(Node.self, name: "a100-0").status?.conditions?
                    .first { $0.type == "Ready" }?.lastHeartbeatTime
            }
            #expect(try await heartbeat() == Timestamp(start.date))
            try await base.manager.runUntilIdle(on: base.clock, limit: start.advanced(by: .seconds(299)))
            #expect(try await heartbeat() == Timestamp(start.date))
            try await base.manager.runUntilIdle(on: base.clock, limit: start.advanced(by: .seconds(601)))
            #expect(try await heartbeat() == Timestamp(start.advanced(by: .seconds(600)).date))
            let node = try await base.server.get(Node.self, name: "a100-0")
            // The transition time stays where Ready began.
            #expect(node.status?.conditions?.first { $0.type == "Ready" }?.lastTransitionTime == Timestamp(start.date))
        }
    }
}
