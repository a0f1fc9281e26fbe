import FermiAPI
@testable import FermiSim
import Foundation
import Testing

/// The simulated load balancer, queue proxies and activator, second by second.
@Suite("Service traffic")
struct ServiceTrafficTests {
    private func inputs(rps: Int, replicas: [(pod: String, ready: Bool)], serviceTime: String = "100ms") -> ServiceTraffic.Inputs {
        ServiceTraffic.Inputs(
            load: LoadModel(annotations: ["sim.fermi.dev/rps": String(rps), "sim.fermi.dev/service-time": serviceTime]),
            routes: [.init(revision: "r1", percent: 100)],
            replicas: replicas.map { .init(pod: $0.pod, revision: "r1", zone: "z", ready: $0.ready, costPerSecond: 1) },
            capacity: ["r1": 4], timeout: ["r1": 60], origins: [])
    }

    @Test func aReplicaThatIsNotReadyGetsNoRequestsAndTheRestShareThemEvenly() {
        var traffic = ServiceTraffic(second: 0, seed: 1, salt: "t", restored: nil)
        traffic.advance(to: 120, loadStart: 0, inputs: inputs(rps: 60, replicas: [("a", true), ("b", false), ("c", true)]))
        #expect(traffic.requests(ofReplica: "b") == 0)
        let a = traffic.requests(ofReplica: "a")
        let c = traffic.requests(ofReplica: "c")
        #expect(a + c == traffic.requests)
        // Least outstanding requests: neither is favoured.
        #expect(abs(Double(a - c)) < 0.1 * Double(a + c), "\(a) \(c)")
        #expect(traffic.cost == 360)
    }

    @Test func withNoReadyReplicaTheActivatorHoldsRequestsUntilOneIsReady() {
        var traffic = ServiceTraffic(second: 0, seed: 1, salt: "t", restored: nil)
        traffic.advance(to: 10, loadStart: 0, inputs: inputs(rps: 10, replicas: [("a", false)]))
        #expect(traffic.requests(ofReplica: "a") == 0)
        #expect(traffic.isSettling)
        let held = traffic.revisions["r1"]?.pending.count ?? 0
        #expect(held > 50)
        traffic.advance(to: 11, loadStart: 0, inputs: inputs(rps: 10, replicas: [("a", true)]))
        #expect(traffic.revisions["r1"]?.pending.isEmpty == true)
        #expect(traffic.requests(ofReplica: "a") >= Int64(held))
        #expect(traffic.errors == 0)
    }

    @Test func overloadedReplicasQueueSoLatencyAndConcurrencyRise() {
        var light = ServiceTraffic(second: 0, seed: 1, salt: "t", restored: nil)
        light.advance(to: 60, loadStart: 0, inputs: inputs(rps: 10, replicas: [("a", true)]))
        var heavy = ServiceTraffic(second: 0, seed: 1, salt: "t", restored: nil)
        // Four slots of 100 ms serve 40 requests a second; 60 arrive.
        heavy.advance(to: 60, loadStart: 0, inputs: inputs(rps: 60, replicas: [("a", true)]))
        let calm = light.window.summary(endingBefore: 60, length: 60)
        let queued = heavy.window.summary(endingBefore: 60, length: 60)
        #expect(calm.concurrency < 2)
        #expect(queued.concurrency > 20 * calm.concurrency)
        #expect((queued.latency.percentile(0.99) ?? 0) > 5 * (calm.latency.percentile(0.99) ?? 1))
    }
}
