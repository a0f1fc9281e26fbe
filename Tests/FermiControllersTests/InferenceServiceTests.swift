import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import Foundation
import Testing

/// InferenceServices on a manual clock: revisions and their replicas, simulated traffic, the
/// KPA autoscaler, probes, canary releases and zones.
@Suite("InferenceService")
struct InferenceServiceTests {
    /// A service serving a Hugging Face model on `gpus` GPUs per replica, between `min` and
    /// `max` replicas; `annotations` give its load.
    func service(
        _ name: String, min: Int32 = 1, max: Int32 = 10, target: Int32? = nil, metric: String? = nil, gpus: Int = 1,
        annotations: [String: String] = [:], storageUri: String = "hf://meta-llama/Llama-3-8B-Instruct"
    ) -> InferenceService {
        var container = Container()
        container.resources = ResourceRequirements(
            limits: ["nvidia.com/gpu": Quantity(integer: Int64(gpus)), "cpu": "4", "memory": "16Gi"])
        var predictor = PredictorSpec(
            component: ComponentExtensionSpec(minReplicas: min, maxReplicas: max, scaleTarget: target, scaleMetric: metric),
            model: ModelSpec(modelFormat: ModelFormat(name: "huggingface"), predictor: PredictorExtensionSpec(storageUri: storageUri, container: container)))
        predictor.pod.tolerations = nil
        var metadata = ObjectMeta(name: name, namespace: "default")
        metadata.annotations = annotations.isEmpty ? nil : annotations
        return InferenceService(metadata: metadata, spec: InferenceServiceSpec(predictor: predictor))
    }

    func cluster(nodes: Int32 = 2, zones: [String] = ["cn-beijing-1"], _ body: (SchedulerCluster) async throws -> Void) async throws {
        try await SchedulerCluster.run { cluster in
            for zone in zones {
                try await cluster.zone(zone)
                try await cluster.pool("a100-\(zone)", replicas: nodes, zone: zone)
            }
            try await body(cluster)
        }
    }

    func status(_ name: String, _ cluster: SchedulerCluster) async throws -> InferenceServiceStatus {
        try #require(try await cluster.server.get(InferenceService.self, name: name).status)
    }

    func figures(_ name: String, _ cluster: SchedulerCluster) async throws -> ServingMetricsStatus {
        try #require(try await cluster.server.get(ServingMetrics.self, name: name).status)
    }

    func autoscaler(_ name: String, _ cluster: SchedulerCluster) async throws -> PodAutoscalerStatus {
        try #require(try await cluster.server.get(PodAutoscaler.self, name: name).status)
    }

    func readyReplicas(of revision: String, _ cluster: SchedulerCluster) async throws -> Int {
        try await cluster.server.list(Pod.self).items.filter { pod in
            pod.metadata.labels?["serving.knative.dev/revision"] == revision && pod.metadata.deletionTimestamp == nil
                && pod.status?.conditions?.contains { $0.type == "Ready" && $0.status == "True" } == true
        }.count
    }

    @Test func aServiceComesUpWithItsFirstRevisionTakingAllTraffic() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(service("chat", min: 2))
            try await cluster.advance(.seconds(120))
            let status = try await status("chat", cluster)
            #expect(status.url == "http://chat.default.example.com")
            #expect(status.conditions?.filter { ["PredictorReady", "IngressReady", "Ready"].contains($0.type) }.allSatisfy { $0.status == "True" } == true)
            let predictor = try #require(status.components?["predictor"])
            #expect(predictor.latestCreatedRevision == "chat-predictor-00001")
            #expect(predictor.latestReadyRevision == "chat-predictor-00001")
            #expect(predictor.latestRolledoutRevision == "chat-predictor-00001")
            #expect(predictor.traffic == [
                TrafficTarget(
                    tag: "latest", revisionName: "chat-predictor-00001", latestRevision: true, percent: 100,
                    url: "http://latest-chat-predictor.default.example.com")
            ])
            #expect(status.modelStatus?.transitionStatus == "UpToDate")
            #expect(status.modelStatus?.modelRevisionStates?.activeModelState == "Loaded")
            #expect(status.modelStatus?.copies?.totalCopies == 2)
            #expect(try await readyReplicas(of: "chat-predictor-00001", cluster) == 2)
            let pod = try #require(try await cluster.server.list(Pod.self).items.first { $0.name.hasPrefix("chat-predictor-00001-deployment-") })
            #expect(pod.spec.containers?.first?.name == "kserve-container")
            #expect(pod.spec.containers?.first?.env?.contains { $0.name == "STORAGE_URI" && $0.value == "hf://meta-llama/Llama-3-8B-Instruct" } == true)
            #expect(pod.metadata.labels?["serving.kserve.io/inferenceservice"] == "chat")
        }
    }

    @Test func aStepInLoadPanicsTheAutoscalerOutWithinSecondsAndItSettlesBackAfterTheStableWindow() async throws {
        try await cluster(nodes: 3) { cluster in
            // 100 requests a second of 100 ms each: about 10 in flight, 2 replicas at a target
            // of 10 (7 at 70%). For five minutes from 5m, ten times that.
            _ = try await cluster.server.create(
                service(
                    "step", min: 1, max: 20, target: 10, metric: "concurrency",
                    annotations: [
                        "sim.fermi.dev/rps": "100", "sim.fermi.dev/load-shape": "spike", "sim.fermi.dev/peak-rps": "1000",
                        "sim.fermi.dev/spike-at": "5m", "sim.fermi.dev/spike-duration": "5m", "sim.fermi.dev/service-time": "100ms",
                    ]))
            try await cluster.advance(.seconds(60))
            let started = try #require(try await figures("step", cluster).loadStartedAt).secondsSince1970
            func at(_ offset: Int64) async throws {
                let now = Int64(cluster.clock.now.date.timeIntervalSince1970)
                try await cluster.advance(.seconds(started + offset - now))
            }
            try await at(290)
            let calm = try await autoscaler("step-predictor-00001", cluster)
            #expect(calm.mode == "Stable")
            #expect(calm.desiredScale == 2, "\(calm)")
            // Six seconds into the step the panic window has seen it.
            try await at(300 + 8)
            let panicking = try await autoscaler("step-predictor-00001", cluster)
            #expect(panicking.mode == "Panic")
            #expect((panicking.desiredScale ?? 0) >= 14, "\(panicking)")
            let scaledUp = try await cluster.events(about: "step", reason: "ScaledUp")
            #expect(scaledUp.contains { $0.contains("panic: concurrency") }, "\(scaledUp)")
            try await at(360)
            #expect(try await readyReplicas(of: "step-predictor-00001", cluster) >= 14)
            // The step ends at 10m: a stable window later the panic is over and it scales down.
            try await at(600 + 150)
            let settled = try await autoscaler("step-predictor-00001", cluster)
            #expect(settled.mode == "Stable")
            #expect((settled.desiredScale ?? 99) <= 3, "\(settled)")
            #expect(try await cluster.events(about: "step", reason: "ScaledDown").contains { $0.contains("stable: concurrency") })
        }
    }

    /// Requests each revision has been sent, as the figures last said.
    func requestsByRevision(_ name: String, _ cluster: SchedulerCluster) async throws -> [String: Int64] {
        let revisions = try await figures(name, cluster).revisions ?? []
        return Dictionary(revisions.map { ($0.name ?? "", $0.requests ?? 0) }, uniquingKeysWith: { first, _ in first })
    }

    func update(_ name: String, _ cluster: SchedulerCluster, _ change: (inout InferenceService) -> Void) async throws {
        var service = try await cluster.server.get(InferenceService.self, name: name)
        change(&service)
        _ = try await cluster.server.update(service)
    }

    @Test func aCanaryTakesItsShareOfTrafficAndIsPromotedOrRolledBack() async throws {
        try await cluster(nodes: 2) { cluster in
            _ = try await cluster.server.create(
                service("canary", min: 2, max: 4, annotations: ["sim.fermi.dev/rps": "1000", "sim.fermi.dev/service-time": "20ms"], storageUri: "hf://acme/chat-v1"))
            try await cluster.advance(.seconds(120))
            // A new model at 10%.
            try await update("canary", cluster) { service in
                service.spec.predictor?.model?.predictor.storageUri = "hf://acme/chat-v2"
                service.spec.predictor?.component.canaryTrafficPercent = 10
            }
            try await cluster.advance(.seconds(90))
            let split = try #require(try await status("canary", cluster).components?["predictor"])
            #expect(split.latestCreatedRevision == "canary-predictor-00002")
            #expect(split.latestRolledoutRevision == "canary-predictor-00001")
            #expect(split.traffic?.map { "\($0.tag ?? "") \($0.revisionName ?? "") \($0.percent ?? -1)" }
                == ["latest canary-predictor-00002 10", "prev canary-predictor-00001 90"])
            // 100,000 requests later, the new revision has had 10% of them, give or take 2%.
            let before = try await requestsByRevision("canary", cluster)
            try await cluster.advance(.seconds(100))
            let after = try await requestsByRevision("canary", cluster)
            let toNew = Double((after["canary-predictor-00002"] ?? 0) - (before["canary-predictor-00002"] ?? 0))
            let toOld = Double((after["canary-predictor-00001"] ?? 0) - (before["canary-predictor-00001"] ?? 0))
            #expect(toNew + toOld >= 90_000, "\(toNew + toOld)")
            #expect(abs(toNew / (toNew + toOld) - 0.10) <= 0.02, "\(toNew / (toNew + toOld))")

            // Rolled back: 0% leaves all traffic with the revision rolled out before.
            try await update("canary", cluster) { $0.spec.predictor?.component.canaryTrafficPercent = 0 }
            try await cluster.advance(.seconds(5))
            let rolledBack = try await requestsByRevision("canary", cluster)
            try await cluster.advance(.seconds(60))
            let afterRollback = try await requestsByRevision("canary", cluster)
            #expect(afterRollback["canary-predictor-00002"] == rolledBack["canary-predictor-00002"])
            #expect((afterRollback["canary-predictor-00001"] ?? 0) > (rolledBack["canary-predictor-00001"] ?? 0) + 50_000)

            // Promoted: without a canary percentage the newest takes everything.
            try await update("canary", cluster) { $0.spec.predictor?.component.canaryTrafficPercent = nil }
            try await cluster.advance(.seconds(30))
            let promoted = try #require(try await status("canary", cluster).components?["predictor"])
            #expect(promoted.latestRolledoutRevision == "canary-predictor-00002")
            #expect(promoted.previousRolledoutRevision == "canary-predictor-00001")
            #expect(promoted.traffic?.map { "\($0.revisionName ?? "") \($0.percent ?? -1)" } == ["canary-predictor-00002 100"])
            // The old revision takes no traffic: it goes to reserve and scales to zero.
            try await cluster.advance(.seconds(60))
            #expect(try await readyReplicas(of: "canary-predictor-00001", cluster) == 0)
            #expect(try await cluster.server.get(Revision.self, name: "canary-predictor-00001").metadata.labels?["serving.knative.dev/routingState"] == "reserve")
        }
    }

    @Test func aServiceWithNoTrafficScalesToZeroAndTheNextRequestActivatesIt() async throws {
        try await cluster { cluster in
            // Five requests a second for a minute from 5m, nothing before or after.
            _ = try await cluster.server.create(
                service(
                    "idle", min: 0, max: 3,
                    annotations: [
                        "sim.fermi.dev/rps": "0", "sim.fermi.dev/load-shape": "spike", "sim.fermi.dev/peak-rps": "5",
                        "sim.fermi.dev/spike-at": "5m", "sim.fermi.dev/spike-duration": "1m",
                    ]))
            // A new revision comes up on its initial scale, to show it can.
            try await cluster.advance(.seconds(40))
            #expect(try await readyReplicas(of: "idle-predictor-00001", cluster) == 1)
            // No traffic: after the 30 s grace period, no replicas.
            try await cluster.advance(.seconds(60))
            #expect(try await autoscaler("idle-predictor-00001", cluster).desiredScale == 0)
            #expect(try await readyReplicas(of: "idle-predictor-00001", cluster) == 0)
            #expect(try await cluster.events(about: "idle", reason: "ScaledToZero").count == 1)
            // Scaled to zero on purpose, the service is still Ready.
            #expect(try await status("idle", cluster).conditions?.first { $0.type == "Ready" }?.status == "True")
            // The first request waits at the activator, which wakes the revision.
            let started = try #require(try await figures("idle", cluster).loadStartedAt).secondsSince1970
            let now = Int64(cluster.clock.now.date.timeIntervalSince1970)
            try await cluster.advance(.seconds(started + 300 + 90 - now))
            let activated = try await cluster.events(about: "idle", reason: "Activated")
            #expect(activated.contains { $0.contains("activation:") && $0.contains("waiting at the activator") }, "\(activated)")
            let served = try #require(try await figures("idle", cluster).revisions?.first)
            #expect((served.requests ?? 0) >= 200)
            #expect(served.errors == 0)
            // The first requests waited for a replica to start: the slowest took seconds.
            let p99 = try await figures("idle", cluster).history?.compactMap(\.latencyP99) ?? []
            #expect(p99.contains { $0.hasSuffix("s") && !$0.hasSuffix("ms") }, "\(p99)")
        }
    }

    @Test func aReplicaFailingLivenessRestartsAndTheServiceIsDegradedUntilItIsReadyAgain() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(service("live", min: 3, max: 3, annotations: ["sim.fermi.dev/rps": "50"]))
            try await cluster.advance(.seconds(60))
            let victim = try #require(try await cluster.server.list(Pod.self).items.first { $0.name.hasPrefix("live-predictor-00001-") })
            // Its liveness endpoint stops answering half a minute from now.
            let startedAt = try #require(victim.status?.containerStatuses?.first?.state?.running?.startedAt).secondsSince1970
            var failing = victim
            let now = Int64(cluster.clock.now.date.timeIntervalSince1970)
            failing.metadata.annotations?["sim.fermi.dev/liveness-fail-after"] = "\(now - startedAt + 30)s"
            _ = try await cluster.server.update(failing)
            // Three failed probes ten seconds apart later, the kubelet kills it.
            try await cluster.advance(.seconds(62))
            let killed = try await cluster.pod(victim.name)
            #expect(killed.metadata.uid == victim.metadata.uid)
            #expect(killed.status?.containerStatuses?.first?.restartCount == 1)
            #expect(killed.status?.conditions?.first { $0.type == "Ready" }?.status == "False")
            #expect(try await cluster.events(about: victim.name, reason: "Killing").first?.contains("failed liveness probe") == true)
            let degraded = try await status("live", cluster).conditions ?? []
            #expect(degraded.first { $0.type == "Degraded" }?.status == "True")
            #expect(degraded.first { $0.type == "Ready" }?.status == "True")
            // Restarted after its back-off and ready once the model has loaded again.
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.pod(victim.name).status?.conditions?.first { $0.type == "Ready" }?.status == "True")
            #expect(try await status("live", cluster).conditions?.first { $0.type == "Degraded" }?.status == "False")
        }
    }

    @Test func aThreeZoneServiceStaysReadyWhenAZoneGoesDown() async throws {
        try await cluster(nodes: 1, zones: ["cn-beijing-1", "cn-beijing-2", "cn-beijing-3"]) { cluster in
            _ = try await cluster.server.create(
                service(
                    "spread", min: 3, max: 3,
                    annotations: ["sim.fermi.dev/rps": "60", "placement.fermi.dev/zones": "cn-beijing-1=1,cn-beijing-2=1,cn-beijing-3=1"]))
            try await cluster.advance(.seconds(90))
            let zones = try await cluster.zones(of: try await cluster.server.list(Pod.self).items.map(\.name))
            #expect(Set(zones.values.compactMap { $0 }) == ["cn-beijing-1", "cn-beijing-2", "cn-beijing-3"])
            try await cluster.setHealth(of: "cn-beijing-2", to: ZoneHealth.down)
            for _ in 0..<6 {
                try await cluster.advance(.seconds(10))
                #expect(try await status("spread", cluster).conditions?.first { $0.type == "Ready" }?.status == "True")
            }
            // Its replica is made again in the zones left; its traffic is served from there.
            #expect(try await readyReplicas(of: "spread-predictor-00001", cluster) == 3)
            let live = try await cluster.server.list(Pod.self).items.filter { $0.metadata.deletionTimestamp == nil && $0.status?.phase == PodPhase.running }
            let placed = try await cluster.zones(of: live.map(\.name))
            #expect(!placed.values.contains("cn-beijing-2"))
            let traffic = try #require(try await figures("spread", cluster).zones?.first { $0.zone == "cn-beijing-2" })
            #expect((traffic.servedElsewhere ?? 0) > 0)
        }
    }

    @Test func aModelVersionMissingFromTheRegistryBlocksTheRolloutAndTheOldRevisionServes() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(service("registry", min: 1, max: 1, storageUri: "hf://acme/base"))
            try await cluster.advance(.seconds(60))
            try await update("registry", cluster) { $0.spec.predictor?.model?.predictor.storageUri = "fermi://models/llama-chat/3" }
            try await cluster.advance(.seconds(30))
            let blocked = try await status("registry", cluster)
            #expect(blocked.modelStatus?.transitionStatus == "BlockedByFailedLoad")
            #expect(blocked.modelStatus?.lastFailureInfo?.message == "model llama-chat is not in the registry of namespace default")
            #expect(blocked.components?["predictor"]?.latestCreatedRevision == "registry-predictor-00001")
            #expect(blocked.conditions?.first { $0.type == "PredictorReady" }?.status == "True")
            // Once the version is registered, the rollout goes ahead.
            var model = try await cluster.server.create(Model(metadata: ObjectMeta(name: "llama-chat", namespace: "default")))
            model.status = ModelStatus(
                versions: (1...3).map { ModelVersion(version: $0, storageUri: Model.storageURI(name: "llama-chat", version: $0)) }, latestVersion: 3)
            _ = try await cluster.server.updateStatus(model)
            try await cluster.advance(.seconds(60))
            let rolled = try await status("registry", cluster)
            #expect(rolled.components?["predictor"]?.latestRolledoutRevision == "registry-predictor-00002")
            #expect(rolled.modelStatus?.transitionStatus == "UpToDate")
        }
    }
}
