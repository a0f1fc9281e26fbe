import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiRuntimeTestSupport
import FermiSim
import Foundation
import Testing

/// Usage and cost accrue per pod from its node pool's prices and roll up to the owning
/// workload and the namespace.
@Suite("Usage")
struct UsageTests {
    @Test func aTwoHourEightGPUPodOnTheA100PoolCostsExactlyItsGPUAndCoreHours() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 1))
        let owner = try await cluster.server.create(cluster.base.configMap("finetune"))
        var pod = SimCluster.pod("finetune-worker-0", on: "a100-0", gpus: 8, cpu: "32", annotations: ["sim.fermi.dev/duration": "2h"])
        pod.metadata.ownerReferences = [
            OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "finetune", uid: owner.metadata.uid ?? "", controller: true)
        ]
        _ = try await cluster.server.create(pod)
        _ = try await cluster.server.create(
            SimCluster.pod("probe", on: "a100-0", gpus: 0, cpu: "1", annotations: ["sim.fermi.dev/duration": "30m"]))
        try await cluster.base.running {
            try await cluster.manager.runUntilIdle(on: cluster.clock)
            let finished = try await cluster.server.get(Pod.self, name: "finetune-worker-0")
            #expect(finished.status?.phase == "Succeeded")
            let usage = PodUsage(annotations: finished.metadata.annotations)
            #expect(usage.gpuHours == 16)
            #expect(usage.coreHours == 64)
            // 8 GPUs × 2 h × ¥8.50 + 32 cores × 2 h × ¥0.20
            #expect(usage.cost == Decimal(string: "148.8"))

            let rolledUp = try await cluster.server.get(ConfigMap.self, name: "finetune")
            #expect(PodUsage(annotations: rolledUp.metadata.annotations) == usage)
            let namespace = try await cluster.server.get(Namespace.self, name: "default")
            let total = PodUsage(annotations: namespace.metadata.annotations)
            // The probe: 1 core for half an hour, ¥0.10.
            #expect(total.coreHours == Decimal(string: "64.5"))
            #expect(total.cost == Decimal(string: "148.9"))
        }
    }
}
