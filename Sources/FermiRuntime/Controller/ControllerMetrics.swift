import CoreMetrics
import Metrics

/// A controller's metrics, named as controller-runtime names them: reconciles by result,
/// reconcile time, and its work queue's depth, made by the manager's metrics factory
/// (Prometheus behind `fermi up --listen`'s `/metrics`).
struct ControllerMetrics: Sendable {
    private let reconcileTime: CoreMetrics.Timer
    private let succeeded: Counter
    private let requeued: Counter
    private let failed: Counter
    private let depth: Gauge

    init(controller: String, factory: any MetricsFactory) {
        reconcileTime = CoreMetrics.Timer(label: "controller_runtime_reconcile_time_seconds", dimensions: [("controller", controller)], factory: factory)
        succeeded = Counter(label: "controller_runtime_reconcile_total", dimensions: [("controller", controller), ("result", "success")], factory: factory)
        requeued = Counter(label: "controller_runtime_reconcile_total", dimensions: [("controller", controller), ("result", "requeue_after")], factory: factory)
        failed = Counter(label: "controller_runtime_reconcile_total", dimensions: [("controller", controller), ("result", "error")], factory: factory)
        depth = Gauge(label: "workqueue_depth", dimensions: [("name", controller)], factory: factory)
    }

    /// One reconcile: how long it took, how it ended, and the queue's depth after it.
    func record(_ took: Duration, result: Result, queueDepth: Int) {
        reconcileTime.record(duration: took)
        switch result {
        case .success: succeeded.increment()
        case .requeue: requeued.increment()
        case .error: failed.increment()
        }
        depth.record(queueDepth)
    }

    enum Result { case success, requeue, error }
}
