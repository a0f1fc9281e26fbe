import CoreMetrics
import Prometheus
import Synchronization

/// The metrics one Fermi process serves at `/metrics`: the API server's requests and watches,
/// whatever the process's controllers report through `factory`, and figures that scrape-time
/// collectors read from the store (pods by phase, GPUs by product and zone, queue usage).
public final class ServerMetrics: Sendable {
    /// Where every metric of the process is registered, and what `/metrics` prints.
    public let registry: PrometheusCollectorRegistry
    /// Makes swift-metrics metrics in `registry`: give it to controller managers.
    public let factory: PrometheusMetricsFactory
    let requests: APIRequestMetrics
    private let collectors = Mutex<[any ScrapeCollector]>([])

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        // Upstream's buckets for apiserver_request_duration_seconds and reconcile time, from
        // 5 ms to a minute, so slow requests are not all lumped into one bucket.
        factory.defaultDurationHistogramBuckets = [
            0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 45, 60,
        ].map { Duration.milliseconds(Int64($0 * 1000)) }
        self.factory = factory
        self.requests = APIRequestMetrics(factory: factory)
    }

    /// Adds a collector to run at each scrape (it may make its metrics with `factory`).
    public func add(_ collector: any ScrapeCollector) {
        collectors.withLock { $0.append(collector) }
    }

    /// The Prometheus text exposition, after every collector has refreshed its figures from
    /// `server`. A collector that fails leaves its figures as they were and is counted.
    public func exposition(of server: APIServer) async -> String {
        for collector in collectors.withLock({ $0 }) {
            do {
                try await collector.collect(from: server)
            } catch {
                Counter(label: "fermi_scrape_collector_errors_total", dimensions: [("collector", collector.name)], factory: factory)
                    .increment()
            }
        }
        return registry.emitToString()
    }
}

/// Figures read from the store when `/metrics` is scraped, rather than counted as things
/// happen: the state of the cluster at that moment.
public protocol ScrapeCollector: Sendable {
    /// Names the collector in its error counter.
    var name: String { get }
    /// Reads what it needs from `server` and records it in its metrics.
    func collect(from server: APIServer) async throws
}
