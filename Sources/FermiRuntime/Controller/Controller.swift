import CoreMetrics
import FermiAPI
import FermiAPIServer

/// One control loop: a work queue of keys, filled by informer handlers, drained by workers
/// that each reconcile one key at a time.
public struct Controller: Sendable {
    /// The controller's name, as `fermi controllers --only` names it.
    public let name: String
    /// How many keys it reconciles at once (never the same key twice at once).
    public let workers: Int
    private let work: @Sendable (_ hooks: WorkerHooks) async -> Void
    private let stop: @Sendable () -> Void
    private let idle: @Sendable () -> Bool

    public init<R: Reconciler>(name: String, queue: WorkQueue<R.Key>, reconciler: R, workers: Int = 1) {
        self.name = name
        self.workers = max(1, workers)
        self.work = { hooks in
            await Self.drain(queue, with: reconciler, hooks: hooks, metrics: ControllerMetrics(controller: name, factory: hooks.metricsFactory))
        }
        self.stop = { queue.shutDown() }
        self.idle = { queue.isIdle }
    }

    /// Whether its queue has no key ready or in hand.
    var isIdle: Bool { idle() }

    /// What a worker asks of the manager running it.
    struct WorkerHooks: Sendable {
        /// Told of each failed reconcile.
        var onError: @Sendable (any Error) -> Void
        /// Returns once the informers hold every object as stored now.
        var catchUp: @Sendable () async -> Void
        /// Told how long each reconcile took, on the wall clock (time spent, not simulated).
        var onReconciled: @Sendable (Duration) -> Void = { _ in }
        /// Where the controller's metrics go.
        var metricsFactory: any MetricsFactory = MetricsSystem.factory
    }

    /// Runs one worker until the queue shuts down.
    func runWorker(_ hooks: WorkerHooks) async {
        await work(hooks)
    }

    /// Shuts its queue down: workers finish the key they hold, then stop.
    func shutDown() {
        stop()
    }

    /// Takes keys from the queue until it shuts down, reconciling each: done forgets its
    /// failures (and any wake-up an earlier reconcile asked for), requeue comes back after the
    /// delay, an error comes back after backoff, and a conflict comes back once the informers
    /// have caught up with the store.
    private static func drain<R: Reconciler>(
        _ queue: WorkQueue<R.Key>, with reconciler: R, hooks: WorkerHooks, metrics: ControllerMetrics
    ) async {
        let stopwatch = ContinuousClock()
        while let key = await queue.next() {
            let started = stopwatch.now
            var outcome = ControllerMetrics.Result.success
            defer {
                let took = stopwatch.now - started
                hooks.onReconciled(took)
                metrics.record(took, result: outcome, queueDepth: queue.readyCount)
            }
            do {
                // Each reconcile says when the key next needs looking at; an earlier answer's
                // timer is replaced, so a virtual clock never jumps to a wake-up nobody needs.
                let result = try await reconciler.reconcile(key)
                queue.forget(key)
                queue.cancelDelayed(key)
                if case .requeue(let delay) = result {
                    queue.add(key, after: delay)
                    outcome = .requeue
                }
            } catch APIError.conflict {
                // Something changed under the reconcile since the informers showed it: look
                // again once they have the newer object, with no backoff, so virtual time does
                // not move.
                await hooks.catchUp()
                queue.forget(key)
                queue.add(key)
            } catch {
                outcome = .error
                hooks.onError(error)
                queue.addRateLimited(key)
            }
            queue.done(key)
        }
    }
}

extension Informer {
    /// Queues the key of every changed object in `queue`.
    public func enqueueChanges(in queue: WorkQueue<ObjectKey>) {
        onChange { event in queue.add(ObjectKey(event.object)) }
    }

    /// Queues, for every changed object, the key of its owner of kind `Owner` (a pod's change
    /// wakes the PyTorchJob that made it).
    public func enqueueOwners<Owner: APIObject>(_ owner: Owner.Type, in queue: WorkQueue<ObjectKey>) {
        onChange { event in
            let object = event.object
            for reference in object.metadata.ownerReferences ?? []
            where reference.kind == Owner.resource.kind && reference.apiVersion == Owner.resource.apiVersion {
                let namespace = Owner.resource.namespaced ? (object.metadata.namespace ?? "") : ""
                queue.add(ObjectKey(namespace: namespace, name: reference.name))
            }
        }
    }
}
