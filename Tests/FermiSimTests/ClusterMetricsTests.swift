import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiRuntimeTestSupport
import FermiSim
import Testing

/// What `/metrics` says of the simulated cluster and its controllers: pods by phase, GPUs
/// allocated and free by zone and product, queue usage, and each controller's reconciles.
@Suite("Cluster metrics")
struct ClusterMetricsTests {
    static let a100 = ["zone": "cn-beijing-1", "product": "NVIDIA-A100-SXM4-80GB"]

    @Test func aScrapeShowsPodsGPUsAndTheControllersAtWork() async throws {
        let metrics = ServerMetrics()
        metrics.add(ClusterMetrics(factory: metrics.factory))
        let cluster = try await SimCluster(metricsFactory: metrics.factory)
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 2))
        try await cluster.base.running {
            _ = try await cluster.server.create(SimCluster.pod("big", on: "a100-0", gpus: 6, annotations: ["sim.fermi.dev/duration": "1h"]))
            _ = try await cluster.server.create(SimCluster.pod("small", on: "a100-1", gpus: 1, annotations: ["sim.fermi.dev/duration": "1h"]))
            try await cluster.advance(.seconds(300))
            var samples = PrometheusSamples(await metrics.exposition(of: cluster.server))
            #expect(samples.value("fermi_pods", ["namespace": "default", "phase": "Running"]) == 2)
            #expect(samples.value("fermi_gpus_allocated", Self.a100) == 7)
            #expect(samples.value("fermi_gpus_free", Self.a100) == 9)
            #expect((samples.value("controller_runtime_reconcile_total", ["controller": "kubelet"]) ?? 0) > 0)
            #expect(samples.value("controller_runtime_reconcile_time_seconds_count", ["controller": "kubelet"]) ==
                samples.value("controller_runtime_reconcile_total", ["controller": "kubelet"]))
            #expect(samples.value("workqueue_depth", ["name": "kubelet"]) == 0)

            // An hour on, both have finished and hold no GPUs.
            try await cluster.advance(.seconds(3600))
            samples = PrometheusSamples(await metrics.exposition(of: cluster.server))
            #expect(samples.value("fermi_pods", ["phase": "Succeeded"]) == 2)
            #expect(samples.value("fermi_pods", ["phase": "Running"]) == nil)
            #expect(samples.value("fermi_gpus_allocated", Self.a100) == 0)
            #expect(samples.value("fermi_gpus_free", Self.a100) == 16)
        }
    }

    @Test func queuesShowTheirUsageAndGoWhenDeleted() async throws {
        let metrics = ServerMetrics()
        metrics.add(ClusterMetrics(factory: metrics.factory))
        let cluster = try await SimCluster(metricsFactory: metrics.factory)
        var queue = Queue(metadata: ObjectMeta(name: "ai-training"))
        queue.spec.capability = ["nvidia.com/gpu": "64", "cpu": "1000"]
        queue = try await cluster.server.create(queue)
        var queueStatus = QueueStatus(state: "Open")
        queueStatus.pending = 2
        queueStatus.running = 3
        queueStatus.allocated = ["nvidia.com/gpu": "24", "memory": "1Ti"]
        queue.status = queueStatus
        _ = try await cluster.server.updateStatus(queue)
        var clusterQueue = ClusterQueue(
            metadata: ObjectMeta(name: "team-a"),
            spec: ClusterQueueSpec(resourceGroups: [
                ResourceGroup(
                    coveredResources: ["nvidia.com/gpu"],
                    flavors: [FlavorQuotas(name: "gpu-a100", resources: [ResourceQuota(name: "nvidia.com/gpu", nominalQuota: "64")])])
            ]))
        clusterQueue = try await cluster.server.create(clusterQueue)
        var status = ClusterQueueStatus()
        status.flavorsUsage = [FlavorUsage(name: "gpu-a100", resources: [ResourceUsage(name: "nvidia.com/gpu", total: "40")])]
        status.pendingWorkloads = 3
        status.admittedWorkloads = 5
        clusterQueue.status = status
        _ = try await cluster.server.updateStatus(clusterQueue)

        var samples = PrometheusSamples(await metrics.exposition(of: cluster.server))
        let training = ["queue": "ai-training"]
        #expect(samples.value("fermi_queue_allocated", training.merging(["resource": "nvidia.com/gpu"]) { $1 }) == 24)
        #expect(samples.value("fermi_queue_allocated", training.merging(["resource": "memory"]) { $1 }) == 1_099_511_627_776)
        #expect(samples.value("fermi_queue_capability", training.merging(["resource": "nvidia.com/gpu"]) { $1 }) == 64)
        #expect(samples.value("fermi_queue_podgroups", training.merging(["state": "Running"]) { $1 }) == 3)
        #expect(samples.value("fermi_queue_podgroups", training.merging(["state": "Pending"]) { $1 }) == 2)
        let a100 = ["cluster_queue": "team-a", "flavor": "gpu-a100", "resource": "nvidia.com/gpu"]
        #expect(samples.value("kueue_cluster_queue_resource_usage", a100) == 40)
        #expect(samples.value("kueue_cluster_queue_nominal_quota", a100) == 64)
        #expect(samples.value("kueue_pending_workloads", ["cluster_queue": "team-a"]) == 3)
        #expect(samples.value("kueue_admitted_active_workloads", ["cluster_queue": "team-a"]) == 5)

        _ = try await cluster.server.delete(Queue.self, name: "ai-training")
        samples = PrometheusSamples(await metrics.exposition(of: cluster.server))
        #expect(samples.value("fermi_queue_allocated", training) == nil)
        #expect(samples.value("kueue_cluster_queue_nominal_quota", a100) == 64)
    }
}
