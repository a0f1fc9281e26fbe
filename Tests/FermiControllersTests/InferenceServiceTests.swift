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
}
