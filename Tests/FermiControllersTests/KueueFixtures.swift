import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import Foundation

/// Kueue objects for admission tests, written as briefly as the tests need them.
enum KueueFixtures {
    static let gpu = "nvidia.com/gpu"

    static func flavor(_ name: String, labels: [String: String]? = nil) -> ResourceFlavor {
        ResourceFlavor(metadata: ObjectMeta(name: name), spec: ResourceFlavorSpec(nodeLabels: labels))
    }

    /// One GPU quota of a flavor.
    struct Quota {
        var flavor: String
        var nominal: Int64
        var borrowingLimit: Int64? = nil
        var lendingLimit: Int64? = nil
    }

    static func clusterQueue(
        _ name: String, cohort: String? = nil, quotas: [Quota], strategy: String? = nil,
        withinClusterQueue: String? = nil, reclaimWithinCohort: String? = nil
    ) -> ClusterQueue {
        let flavors = quotas.map { quota in
            FlavorQuotas(
                name: quota.flavor,
                resources: [
                    ResourceQuota(
                        name: gpu, nominalQuota: Quantity(integer: quota.nominal),
                        borrowingLimit: quota.borrowingLimit.map { Quantity(integer: $0) },
                        lendingLimit: quota.lendingLimit.map { Quantity(integer: $0) })
                ])
        }
        var queue = ClusterQueue(
            metadata: ObjectMeta(name: name),
            spec: ClusterQueueSpec(
                resourceGroups: [ResourceGroup(coveredResources: [gpu], flavors: flavors)], cohort: cohort,
                queueingStrategy: strategy))
        queue.spec.preemption = ClusterQueuePreemption(reclaimWithinCohort: reclaimWithinCohort, withinClusterQueue: withinClusterQueue)
        queue.setDefaults()
        return queue
    }

    static func localQueue(_ name: String, clusterQueue: String) -> LocalQueue {
        LocalQueue(metadata: ObjectMeta(name: name, namespace: "default"), spec: LocalQueueSpec(clusterQueue: clusterQueue))
    }

    /// A workload of `count` pods of `gpus` GPUs each in LocalQueue `queue`, created `age`
    /// seconds after the epoch; when `admittedTo` names a ClusterQueue and flavor, it holds
    /// that quota.
    static func workload(
        _ name: String, gpus: Int, count: Int32 = 1, queue: String, priority: Int32 = 0, created: TimeInterval = 0,
        nodeSelector: [String: String]? = nil, extra: ResourceList = [:], admittedTo: (clusterQueue: String, flavor: String)? = nil
    ) -> Workload {
        var container = Container()
        container.name = "main"
        container.resources = ResourceRequirements(
            requests: extra.merging([gpu: Quantity(integer: Int64(gpus))]) { _, new in new })
        var spec = PodSpec(containers: [container])
        spec.nodeSelector = nodeSelector
        var metadata = ObjectMeta(name: name, namespace: "default")
        metadata.creationTimestamp = Timestamp(Date(timeIntervalSince1970: created))
        var workload = Workload(
            metadata: metadata,
            spec: WorkloadSpec(
                podSets: [PodSet(name: "main", template: PodTemplateSpec(spec: spec), count: count)], queueName: queue,
                priority: priority))
        if let admittedTo {
            workload.status = WorkloadStatus(
                conditions: [Condition(type: KueueNames.quotaReserved, status: "True"), Condition(type: KueueNames.admitted, status: "True")],
                admission: Admission(
                    clusterQueue: admittedTo.clusterQueue,
                    podSetAssignments: [
                        PodSetAssignment(
                            name: "main", flavors: [gpu: admittedTo.flavor],
                            resourceUsage: [gpu: Quantity(integer: Int64(gpus) * Int64(count))], count: count)
                    ]))
        }
        return workload
    }

    static func run(
        clusterQueues: [ClusterQueue], localQueues: [LocalQueue], flavors: [ResourceFlavor] = [flavor("gpu-a100")],
        workloads: [Workload]
    ) -> KueueAdmissionCycle.Decisions {
        KueueAdmissionCycle(clusterQueues: clusterQueues, localQueues: localQueues, flavors: flavors, workloads: workloads).run()
    }

    static func key(_ name: String) -> ObjectKey { ObjectKey(namespace: "default", name: name) }

    /// Creates a `gpu-a100` flavor (with `labels`), a ClusterQueue `training` of `gpus` GPUs
    /// with cores and memory enough, and a LocalQueue `team` in `default` that feeds it.
    static func installTeamQueue(gpus: Int64, flavorLabels: [String: String]? = nil, in server: APIServer) async throws {
        _ = try await server.create(flavor("gpu-a100", labels: flavorLabels))
        var queue = clusterQueue("training", quotas: [.init(flavor: "gpu-a100", nominal: gpus)])
        queue.spec.resourceGroups?[0].coveredResources = ["cpu", "memory", gpu]
        queue.spec.resourceGroups?[0].flavors?[0].resources?.insert(
            contentsOf: [ResourceQuota(name: "cpu", nominalQuota: "64"), ResourceQuota(name: "memory", nominalQuota: "256Gi")], at: 0)
        _ = try await server.create(queue)
        _ = try await server.create(localQueue("team", clusterQueue: "training"))
    }
}
