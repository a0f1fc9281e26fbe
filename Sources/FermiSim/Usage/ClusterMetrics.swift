import CoreMetrics
import FermiAPI
import FermiAPIServer
import Foundation
import Synchronization

/// The cluster's state as `/metrics` shows it, read from the store at each scrape: pods by
/// namespace and phase, GPUs allocated and free by zone and product (as `fermi top zones`),
/// Volcano queues' allocation and pod-group counts, and Kueue cluster queues' usage and
/// quota under Kueue's own metric names.
public final class ClusterMetrics: ScrapeCollector {
    public let name = "cluster"
    private let factory: any MetricsFactory
    /// The series written at the last scrape, so a series whose subject is gone is dropped
    /// rather than left at its last value.
    private let written = Mutex<[SeriesKey: Gauge]>([:])

    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    public func collect(from server: APIServer) async throws {
        let pods = try await server.list(Pod.self).items
        let nodes = try await server.list(Node.self).items
        let queues = try await server.list(Queue.self).items
        let clusterQueues = try await server.list(ClusterQueue.self).items
        var values: [SeriesKey: Double] = [:]
        for pod in pods {
            values[SeriesKey("fermi_pods", [("namespace", pod.namespace), ("phase", pod.status?.phase ?? "Pending")]), default: 0] += 1
        }
        for (zone, allocation) in GPUAllocation.byZone(nodes: nodes, pods: pods) {
            let labels = [("zone", zone), ("product", allocation.product)]
            values[SeriesKey("fermi_gpus_allocated", labels)] = Self.double(allocation.allocated)
            values[SeriesKey("fermi_gpus_free", labels)] = Self.double(allocation.free)
        }
        for queue in queues {
            for (resource, quantity) in queue.status?.allocated ?? [:] {
                values[SeriesKey("fermi_queue_allocated", [("queue", queue.name), ("resource", resource)])] = Self.double(quantity.value)
            }
            for (resource, quantity) in queue.spec.capability ?? [:] {
                values[SeriesKey("fermi_queue_capability", [("queue", queue.name), ("resource", resource)])] = Self.double(quantity.value)
            }
            let counts = [
                ("Pending", queue.status?.pending), ("Inqueue", queue.status?.inqueue), ("Running", queue.status?.running),
                ("Completed", queue.status?.completed),
            ]
            for (state, count) in counts {
                values[SeriesKey("fermi_queue_podgroups", [("queue", queue.name), ("state", state)])] = Double(count ?? 0)
            }
        }
        for clusterQueue in clusterQueues {
            for flavor in clusterQueue.status?.flavorsUsage ?? [] {
                for resource in flavor.resources ?? [] {
                    let labels = [("cluster_queue", clusterQueue.name), ("flavor", flavor.name ?? ""), ("resource", resource.name ?? "")]
                    values[SeriesKey("kueue_cluster_queue_resource_usage", labels)] = Self.double(resource.total?.value ?? 0)
                }
            }
            for group in clusterQueue.spec.resourceGroups ?? [] {
                for flavor in group.flavors ?? [] {
                    for resource in flavor.resources ?? [] {
                        let labels = [("cluster_queue", clusterQueue.name), ("flavor", flavor.name ?? ""), ("resource", resource.name ?? "")]
                        values[SeriesKey("kueue_cluster_queue_nominal_quota", labels)] = Self.double(resource.nominalQuota?.value ?? 0)
                    }
                }
            }
            values[SeriesKey("kueue_pending_workloads", [("cluster_queue", clusterQueue.name), ("status", "active")])] =
                Double(clusterQueue.status?.pendingWorkloads ?? 0)
            values[SeriesKey("kueue_admitted_active_workloads", [("cluster_queue", clusterQueue.name)])] =
                Double(clusterQueue.status?.admittedWorkloads ?? 0)
        }
        record(values)
    }

    /// Sets every series in `values` and drops the ones written last time that are not in it.
    private func record(_ values: [SeriesKey: Double]) {
        written.withLock { written in
            for (key, gauge) in written where values[key] == nil {
                gauge.destroy()
                written[key] = nil
            }
            for (key, value) in values {
                let gauge = written[key] ?? Gauge(label: key.name, dimensions: key.labels.map { ($0.name, $0.value) }, factory: factory)
                gauge.record(value)
                written[key] = gauge
            }
        }
    }

    private static func double(_ value: Decimal) -> Double {
        NSDecimalNumber(decimal: value).doubleValue
    }

    /// One series: a metric name and its labels, in order.
    struct SeriesKey: Hashable {
        var name: String
        var labels: [Label]

        init(_ name: String, _ labels: [(String, String)]) {
            self.name = name
            self.labels = labels.map { Label(name: $0.0, value: $0.1) }
        }

        struct Label: Hashable {
            var name: String
            var value: String
        }
    }
}
