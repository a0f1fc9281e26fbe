import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import Foundation
import Testing

/// The image catalogue on a manual clock: pull times from image sizes, the node's image cache,
/// and simulated builds.
@Suite("Image catalogue")
struct ImageTests {
    private func cluster(_ body: (SchedulerCluster) async throws -> Void) async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 1, zone: "cn-beijing-1")
            try await body(cluster)
        }
    }

    private func pod(_ name: String, image: String) -> Pod {
        var pod = SchedulerCluster.pod(name, gpus: 1)
        pod.spec.containers?[0].image = image
        pod.metadata.annotations = ["sim.fermi.dev/duration": "forever"]
        return pod
    }

    /// Seconds from the kubelet taking the pod to its container running.
    private func startDelay(_ name: String, _ cluster: SchedulerCluster) async throws -> Int64 {
        let pod = try await cluster.pod(name)
        let accepted = try #require(pod.status?.startTime).secondsSince1970
        let running = try #require(pod.status?.containerStatuses?.first?.state?.running?.startedAt).secondsSince1970
        return running - accepted
    }

    @Test func aLargeImageTakesItsSizeToPullAndANodeThatHoldsItStartsAtOnce() async throws {
        try await cluster { cluster in
            var spec = ImageSpec()
            spec.repository = "registry.example.com/llm/serve"
            spec.tag = "1.0"
            spec.size = "10Gi"
            _ = try await cluster.server.create(Image(metadata: ObjectMeta(name: "serve", namespace: "default"), spec: spec))
            _ = try await cluster.server.create(pod("first", image: "registry.example.com/llm/serve:1.0"))
            try await cluster.advance(.seconds(120))
            // 10Gi at 250MiB/s is 41 s, and 2 s to start the container.
            #expect(try await startDelay("first", cluster) == 43)
            _ = try await cluster.server.create(pod("second", image: "registry.example.com/llm/serve:1.0"))
            try await cluster.advance(.seconds(60))
            #expect(try await startDelay("second", cluster) == 2)
            #expect(try await cluster.events(about: "second", reason: "Pulled").first == "Container image \"registry.example.com/llm/serve:1.0\" already present on machine")
            #expect(try await cluster.server.get(Image.self, name: "serve").status?.cachedNodes == 1)
            // An image the catalogue does not know still runs; the kubelet says so.
            _ = try await cluster.server.create(pod("stranger", image: "quay.io/someone/tool:7"))
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.pod("stranger").status?.phase == PodPhase.running)
            #expect(try await cluster.events(about: "stranger", reason: "Pulling").first?.contains("not in the image catalogue") == true)
        }
    }

    @Test func aCustomImageIsBuiltStepByStepFromItsDockerfile() async throws {
        try await cluster { cluster in
            var spec = ImageSpec()
            spec.repository = "registry.example.com/team/trainer"
            spec.tag = "0.3"
            spec.category = ImageCategory.custom
            spec.build = ImageBuild(
                dockerfile: """
                    FROM pytorch:2.1.0-cuda12.1-cudnn8-runtime
                    RUN pip install transformers==4.35.0 \\
                        datasets==2.14.6
                    COPY train.py /app/train.py
                    ENTRYPOINT ["python", "/app/train.py"]
                    """, duration: "4m")
            _ = try await cluster.server.create(Image(metadata: ObjectMeta(name: "trainer", namespace: "default"), spec: spec))
            try await cluster.advance(.seconds(90))
            let building = try #require(try await cluster.server.get(Image.self, name: "trainer").status)
            #expect(building.phase == ImagePhase.building)
            #expect(building.buildLog == [
                "Step 1/4 : FROM pytorch:2.1.0-cuda12.1-cudnn8-runtime",
                "Step 2/4 : RUN pip install transformers==4.35.0 datasets==2.14.6",
            ])
            try await cluster.advance(.seconds(180))
            let built = try #require(try await cluster.server.get(Image.self, name: "trainer").status)
            #expect(built.phase == ImagePhase.available)
            #expect(built.buildLog?.last == "The push refers to repository [registry.example.com/team/trainer]")
            #expect(built.conditions?.first { $0.type == "Built" }?.status == "True")
            #expect(try await cluster.events(about: "trainer", reason: "Built").first == "Built and pushed registry.example.com/team/trainer:0.3 in 240s")

            var broken = spec
            broken.tag = "0.4"
            broken.build = ImageBuild(dockerfile: "RUN echo no base", duration: "1m")
            _ = try await cluster.server.create(Image(metadata: ObjectMeta(name: "broken", namespace: "default"), spec: broken))
            try await cluster.advance(.seconds(10))
            #expect(try await cluster.server.get(Image.self, name: "broken").status?.phase == ImagePhase.failed)
        }
    }
}
