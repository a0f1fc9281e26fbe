import CoreMetrics

/// A controller's metrics, named as controller-runtime names them: reconciles by result,
/// reconcile time, and its work queue's depth. They go to whatever metrics backend the
/// process bootstrapped (Prometheus in `fermi up --listen`), and nowhere otherwise.
struct ControllerMetrics: Sendable {
    private let reconcileTime: CoreMetrics.Timer
    private let succeeded: Counter
    private let requeued: Counter
    private let failed: Counter
    private let depth: Gauge

    init(controller: String) {
        reconcileTime = CoreMetrics.Timer(label: "controller_runtime_reconcile_time_seconds", dimensions: [("controller", controller)])
        succeeded = Counter(label: "controller_runtime_reconcile_total", dimensions: [("controller", controller), ("result", "success")])
        requeued = Counter(label: "controller_runtime_reconcile_total", dimensions: [("controller", controller), ("result", "requeue_after")])
        failed = Counter(label: "controller_runtime_reconcile_total", dimensions: [("controller", controller), ("result", "error")])
        depth = Gauge(label: "workqueue_depth", dimensions: [("name", controller)])
    }

    /// One reconcile: how long it took, how it ended, and the queue's depth after it.
    func record(_ took: Duration, result: Result, queueDepth: Int) {
        reconcileTime.recordNanoseconds(took.components.seconds * 1_000_000_000 + took.components.attoseconds / 1_000_000_000)
        switch result {
        case .success: succeeded.increment()
        case .requeue: requeued.increment()
        case .error: failed.increment()
        }
        depth.record(queueDepth)
    }

    enum Result { case success, requeue, error }
}
