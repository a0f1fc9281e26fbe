import CoreMetrics
import FermiAPI
import FermiAPIServer
import ServiceLifecycle
import Synchronization

/// Runs a set of controllers over one API server: one informer set feeding every controller's
/// queue, their workers, and a graceful stop (SIGINT/SIGTERM through a `ServiceGroup`, or
/// cancellation) that lets each worker finish the key it holds.
///
/// On a virtual clock it also knows when nothing is left to do now (`settle`) and can play time
/// forward from timer to timer until nothing more will happen (`runUntilIdle`).
public final class ControllerManager: ServiceLifecycle.Service, Sendable {
    public let server: APIServer
    public let clock: any ControlClock
    public let informers: InformerSet
    /// Hears every change to queues and informers: what `settle` waits on.
    public let activity: ActivitySignal
    /// Writes the controllers' Events in the background; settling waits for it.
    public let events: EventBroadcaster
    private let controllers = Mutex<[Controller]>([])
    private let failures = Mutex<[String: Int]>([:])
    private let reconcileTime = Mutex<[String: ReconcileTime]>([:])

    /// Where the controllers' metrics go (reconciles, reconcile time, queue depth).
    public let metricsFactory: any MetricsFactory

    public init(server: APIServer, clock: any ControlClock, metricsFactory: any MetricsFactory = MetricsSystem.factory) {
        self.server = server
        self.clock = clock
        self.metricsFactory = metricsFactory
        self.activity = ActivitySignal()
        self.informers = InformerSet(server: server, activity: activity)
        self.events = EventBroadcaster(server: server, activity: activity)
    }

    /// A recorder of Events from `component`, written by this manager's broadcaster.
    public func eventRecorder(component: String) -> EventRecorder {
        EventRecorder(broadcaster: events, clock: clock, component: component)
    }

    /// A work queue on this manager's clock, watched for settling.
    public func makeQueue<Key>(of key: Key.Type = ObjectKey.self) -> WorkQueue<Key> {
        WorkQueue(clock: clock, activity: activity)
    }

    /// Adds a controller; add them all before `run`.
    public func add(_ controller: Controller) {
        controllers.withLock { $0.append(controller) }
    }

    /// The names of the controllers added, in order.
    public var controllerNames: [String] {
        controllers.withLock { $0.map(\.name) }
    }

    /// How many reconciles of each controller have failed (each was retried with backoff).
    public var failureCounts: [String: Int] {
        failures.withLock { $0 }
    }

    /// How many reconciles each controller has run and the wall time they took.
    public var reconcileTimes: [String: ReconcileTime] {
        reconcileTime.withLock { $0 }
    }

    /// Runs the informers and every controller's workers until cancelled or asked to shut
    /// down gracefully.
    public func run() async throws {
        let controllers = self.controllers.withLock { $0 }
        informers.expectSync()
        await withTaskGroup(of: Void.self) { group in
            // The informers retry on their own until cancelled; nothing they meet ends the run.
            group.addTask { try? await self.informers.run() }
            await withTaskCancellationOrGracefulShutdownHandler {
                await self.informers.waitForSync()
                await withTaskGroup(of: Void.self) { workers in
                    for controller in controllers {
                        for _ in 0..<controller.workers {
                            workers.addTask {
                                await controller.runWorker(
                                    Controller.WorkerHooks(
                                        onError: { _ in self.failures.withLock { $0[controller.name, default: 0] += 1 } },
                                        catchUp: { await self.informers.catchUp() },
                                        onReconciled: { duration in
                                            self.reconcileTime.withLock { $0[controller.name, default: ReconcileTime()].add(duration) }
                                        },
                                        metricsFactory: self.metricsFactory))
                            }
                        }
                    }
                }
            } onCancelOrGracefulShutdown: {
                for controller in controllers { controller.shutDown() }
                self.informers.abandonSyncWaiters()
            }
            group.cancelAll()
        }
        await events.flush()
    }

    /// Returns once nothing is left to do at the current time: the informers have taken in
    /// every write in the store, no queue has a key ready or in hand, and every Event recorded
    /// is written. Timers may still be pending on the clock.
    public func settle() async throws {
        while true {
            let generation = activity.generation
            if try await isSettled(), activity.generation == generation { return }
            await activity.wait(after: generation)
        }
    }

    /// Plays a virtual clock forward, discrete-event style: settle, jump to the next timer,
    /// and again, until no timer is pending (nothing more will happen) or `limit` is reached;
    /// `afterEachStep` runs at each settled instant (progress, saving the time). Returns
    /// whether it stopped because nothing more will happen.
    @discardableResult
    public func runUntilIdle(
        on clock: ManualClock, limit: EpochInstant? = nil,
        afterEachStep: @Sendable (EpochInstant) async throws -> Void = { _ in }
    ) async throws -> Bool {
        while true {
            try await settle()
            try await afterEachStep(clock.now)
            guard let next = clock.nextDeadline else { return true }
            if let limit, next > limit {
                clock.advance(to: limit)
                try await settle()
                return false
            }
            clock.advance(to: next)
        }
    }

    private func isSettled() async throws -> Bool {
        guard informers.hasSynced else { return false }
        let storeRevision = try await server.currentRevision()
        let queuesIdle = controllers.withLock { $0.allSatisfy(\.isIdle) }
        return queuesIdle && events.isIdle && informers.revision >= storeRevision
    }
}

/// The reconciles one controller has run and the wall time they took in all.
public struct ReconcileTime: Sendable, Hashable {
    public private(set) var count = 0
    public private(set) var total: Duration = .zero

    public init() {}

    mutating func add(_ duration: Duration) {
        count += 1
        total += duration
    }
}
