import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiRuntimeTestSupport
import Synchronization
import Testing

/// A reconciler that records what it was asked, and when, and does what it is told to.
final class RecordingReconciler: Reconciler {
    let clock: ManualClock
    let calls = Mutex<[(key: String, at: EpochInstant)]>([])
    /// What to do for each key: fail this many times first, then return this.
    let plan = Mutex<[String: (failures: Int, result: ReconcileResult)]>([:])

    init(clock: ManualClock) {
        self.clock = clock
    }

    struct Failure: Error {}

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        calls.withLock { $0.append((key.description, clock.now)) }
        let step = plan.withLock { plan -> (failures: Int, result: ReconcileResult) in
            let step = plan[key.name] ?? (0, .done)
            if step.failures > 0 { plan[key.name] = (step.failures - 1, step.result) }
            return step
        }
        if step.failures > 0 { throw Failure() }
        return step.result
    }

    func callTimes(of key: String, since start: EpochInstant) -> [Duration] {
        calls.withLock { $0.filter { $0.key == key }.map { start.duration(to: $0.at) } }
    }
}

/// The manager on a manual clock: informers feed queues, workers reconcile, requeues and
/// failures come back on the clock, and `settle` / `runUntilIdle` know when all is done.
@Suite("Controller manager")
struct ControllerManagerTests {
    func makeController(_ cluster: TestCluster) -> RecordingReconciler {
        let reconciler = RecordingReconciler(clock: cluster.clock)
        let queue = cluster.manager.makeQueue()
        cluster.manager.informers.informer(ConfigMap.self).enqueueChanges(in: queue)
        cluster.manager.add(Controller(name: "recorder", queue: queue, reconciler: reconciler, workers: 2))
        return reconciler
    }

    @Test func everyChangeIsReconciledOnceTheManagerSettles() async throws {
        let cluster = try await TestCluster()
        let reconciler = makeController(cluster)
        _ = try await cluster.server.create(cluster.configMap("existing"))
        try await cluster.running {
            #expect(reconciler.calls.withLock { $0.map(\.key) } == ["default/existing"])
            _ = try await cluster.server.create(cluster.configMap("new"))
            try await cluster.manager.settle()
            #expect(reconciler.calls.withLock { $0.map(\.key) } == ["default/existing", "default/new"])
        }
    }

    @Test func requeueAfterComesBackOnTheClockNotBefore() async throws {
        let cluster = try await TestCluster()
        let reconciler = makeController(cluster)
        reconciler.plan.withLock { $0["poll"] = (0, .requeue(after: .seconds(30))) }
        let start = cluster.clock.now
        _ = try await cluster.server.create(cluster.configMap("poll"))
        try await cluster.running {
            cluster.clock.advance(by: .seconds(29))
            try await cluster.manager.settle()
            #expect(reconciler.callTimes(of: "default/poll", since: start) == [.zero])
            cluster.clock.advance(by: .seconds(1))
            try await cluster.manager.settle()
            cluster.clock.advance(by: .seconds(30))
            try await cluster.manager.settle()
            #expect(reconciler.callTimes(of: "default/poll", since: start) == [.zero, .seconds(30), .seconds(60)])
        }
    }

    @Test func failuresRetryWithBackoffThenSucceed() async throws {
        let cluster = try await TestCluster()
        let reconciler = makeController(cluster)
        reconciler.plan.withLock { $0["flaky"] = (3, .done) }
        let start = cluster.clock.now
        _ = try await cluster.server.create(cluster.configMap("flaky"))
        try await cluster.running {
            let idle = try await cluster.manager.runUntilIdle(on: cluster.clock)
            #expect(idle)
            // Fails at 0, retried after 5, 10 and 20 ms: 0, 5, 15, 35.
            #expect(
                reconciler.callTimes(of: "default/flaky", since: start)
                    == [.zero, .milliseconds(5), .milliseconds(15), .milliseconds(35)])
            #expect(cluster.manager.failureCounts["recorder"] == 3)
        }
    }

    @Test func runUntilIdleStopsAtALimitWhileTimersArePending() async throws {
        let cluster = try await TestCluster()
        let reconciler = makeController(cluster)
        reconciler.plan.withLock { $0["forever"] = (0, .requeue(after: .seconds(3600))) }
        let start = cluster.clock.now
        _ = try await cluster.server.create(cluster.configMap("forever"))
        try await cluster.running {
            let idle = try await cluster.manager.runUntilIdle(
                on: cluster.clock, limit: start.advanced(by: .seconds(3 * 3600 + 1)))
            #expect(idle == false)
            #expect(reconciler.callTimes(of: "default/forever", since: start).count == 4)
            #expect(start.duration(to: cluster.clock.now) == .seconds(3 * 3600 + 1))
        }
    }

    @Test func gracefulShutdownStopsTheRun() async throws {
        let cluster = try await TestCluster()
        _ = makeController(cluster)
        let run = Task { try await cluster.manager.run() }
        try await cluster.manager.settle()
        run.cancel()
        // The run returns: workers were released from their queues and informers stopped.
        try await run.value
    }
}
