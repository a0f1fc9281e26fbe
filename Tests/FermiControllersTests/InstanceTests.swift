import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import Foundation
import Testing

/// Development instances and object lifetimes on a manual clock: start, stop and start again,
/// the idle warning and reclaim, and expiry.
@Suite("Instance")
struct InstanceTests {
    private func notebook(_ name: String, gpus: Int32 = 2, idleTimeout: String? = nil) -> Instance {
        var spec = InstanceSpec(type: InstanceType.notebook, resources: InstanceResources(gpu: gpus, cpu: "16", memory: "64Gi", storage: "200Gi"))
        spec.idleTimeout = idleTimeout
        return Instance(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    private func cluster(_ body: (SchedulerCluster) async throws -> Void) async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 1, zone: "cn-beijing-1")
            try await body(cluster)
        }
    }

    private func status(_ name: String, _ cluster: SchedulerCluster) async throws -> InstanceStatus {
        try #require(try await cluster.server.get(Instance.self, name: name).status)
    }

    private func setRunning(_ running: Bool, _ name: String, _ cluster: SchedulerCluster) async throws {
        var instance = try await cluster.server.get(Instance.self, name: name)
        instance.spec.running = running
        _ = try await cluster.server.update(instance)
    }

    /// GPUs held on the cluster's nodes by running pods.
    private func gpusHeld(_ cluster: SchedulerCluster) async throws -> Int {
        try await cluster.server.list(Pod.self).items.filter { $0.spec.nodeName != nil && !$0.hasEnded }.reduce(0) { total, pod in
            total + Int(truncating: (pod.spec.resourceRequests["nvidia.com/gpu"] ?? 0) as NSDecimalNumber)
        }
    }

    @Test func anInstanceRunsStopsReleasingItsGPUsButKeepingItsFilesAndStartsAgain() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(notebook("lab"))
            try await cluster.advance(.seconds(120))
            let running = try await status("lab", cluster)
            #expect(running.phase == InstancePhase.running)
            #expect(running.nodeName == "a100-0")
            #expect(running.endpoints?.jupyter?.hasPrefix("https://jupyter.fermi.local/default/lab/lab?token=") == true)
            #expect(running.endpoints?.ports?.map(\.name) == ["jupyter", "tensorboard", "ssh"])
            #expect(try await gpusHeld(cluster) == 2)
            try await cluster.advance(.seconds(3600))
            // An hour of 2 GPUs at ¥8.50 and 16 cores at ¥0.20: about ¥20.20.
            let cost = try #require(try await status("lab", cluster).costSoFar?.value)
            #expect(cost > 19 && cost < 21.5, "\(cost)")

            try await setRunning(false, "lab", cluster)
            try await cluster.advance(.seconds(60))
            let stopped = try await status("lab", cluster)
            #expect(stopped.phase == InstancePhase.stopped)
            #expect(stopped.endpoints == nil)
            #expect(try await gpusHeld(cluster) == 0)
            #expect(try await cluster.server.get(PersistentVolumeClaim.self, name: "lab-home").spec.resources?.requests?["storage"] == "200Gi")
            let settled = try #require(stopped.costSoFar?.value)
            try await cluster.advance(.seconds(3600))
            #expect(try await status("lab", cluster).costSoFar?.value == settled)

            try await setRunning(true, "lab", cluster)
            try await cluster.advance(.seconds(1200))
            let again = try await status("lab", cluster)
            #expect(again.phase == InstancePhase.running)
            #expect((again.costSoFar?.value ?? 0) > settled)
            #expect(try await cluster.server.list(Pod.self).items.first { $0.name == "lab" }?.spec.volumes?.first?.persistentVolumeClaim?.claimName == "lab-home")
        }
    }

    @Test func anIdleInstanceIsWarnedADayAheadThenStoppedAndActivityPushesItBack() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(notebook("idle", gpus: 1, idleTimeout: "48h"))
            try await cluster.advance(.seconds(25 * 3600))
            let warned = try await status("idle", cluster)
            #expect(warned.conditions?.first { $0.type == "IdleWarning" }?.status == "True")
            #expect(try await cluster.events(about: "idle", reason: "IdleWarning").count == 1)
            // Someone uses it: the warning is withdrawn and the stop moves on.
            var used = try await cluster.server.get(Instance.self, name: "idle")
            used.metadata.annotations = [LifetimeAnnotations.lastActivity: "\(Timestamp(cluster.clock.now.date))"]
            _ = try await cluster.server.update(used)
            try await cluster.advance(.seconds(30 * 3600))
            #expect(try await status("idle", cluster).phase == InstancePhase.running)
            #expect(try await status("idle", cluster).conditions?.first { $0.type == "IdleWarning" }?.status == "True")
            // 48 h after that use, it is stopped.
            try await cluster.advance(.seconds(19 * 3600))
            let reclaimed = try await cluster.server.get(Instance.self, name: "idle")
            #expect(reclaimed.spec.running == false)
            #expect(reclaimed.status?.phase == InstancePhase.stopped)
            #expect(try await cluster.events(about: "idle", reason: "IdleReclaimed").first?.contains("idle timeout 48h") == true)
        }
    }

    @Test func aTestDeploymentIsWarnedADayBeforeItsWeekIsUpAndThenDeleted() async throws {
        try await cluster { cluster in
            var service = InferenceService(
                metadata: ObjectMeta(name: "trial", namespace: "default"),
                spec: InferenceServiceSpec(
                    predictor: PredictorSpec(
                        model: ModelSpec(modelFormat: ModelFormat(name: "sklearn"), predictor: PredictorExtensionSpec(storageUri: "gs://kfserving-examples/models/sklearn/1.0/model")))))
            service.metadata.annotations = [LifetimeAnnotations.expiresAfter: "168h"]
            _ = try await cluster.server.create(service)
            try await cluster.advance(.seconds(143 * 3600))
            #expect(try await cluster.events(about: "trial", reason: "ExpiryWarning").isEmpty)
            try await cluster.advance(.seconds(2 * 3600))
            #expect(try await cluster.events(about: "trial", reason: "ExpiryWarning").first?.contains("will be deleted") == true)
            #expect(try await cluster.server.list(InferenceService.self).items.count == 1)
            try await cluster.advance(.seconds(24 * 3600))
            #expect(try await cluster.server.list(InferenceService.self).items.isEmpty)
            #expect(try await cluster.events(about: "trial", reason: "Expired").count == 1)
        }
    }
}
