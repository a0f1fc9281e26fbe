import FermiAPI
import FermiAPIServer
import FermiControllers
import Testing

/// The batch/v1 Job controller on a manual clock, with the scheduler and simulated kubelets
/// running its pods.
@Suite("Job controller")
struct JobControllerTests {
    /// A Job of pods asking for `gpus` GPUs each, whose runs take `duration` (and fail after
    /// `failAfter`, when given).
    private func job(
        _ name: String, parallelism: Int32, completions: Int32?, gpus: Int = 1, duration: String = "10m",
        failAfter: String? = nil, configure: (inout JobSpec) -> Void = { _ in }
    ) -> Job {
        var metadata = ObjectMeta(name: name, namespace: "default")
        metadata.annotations = ["sim.fermi.dev/duration": duration]
        if let failAfter {
            metadata.annotations?["sim.fermi.dev/fail-after"] = failAfter
            metadata.annotations?["sim.fermi.dev/fail-times"] = "100"
        }
        let pod = SchedulerCluster.pod("template", gpus: gpus)
        var spec = JobSpec(
            parallelism: parallelism, completions: completions, template: PodTemplateSpec(spec: pod.spec))
        configure(&spec)
        return Job(metadata: metadata, spec: spec)
    }

    private func cluster(_ body: (SchedulerCluster) async throws -> Void) async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 1, zone: "cn-beijing-1")
            try await body(cluster)
        }
    }

    private func condition(_ type: String, of name: String, in cluster: SchedulerCluster) async throws -> JobCondition? {
        try await cluster.server.get(Job.self, name: name).status?.conditions?.first { $0.type == type && $0.status == "True" }
    }

    private func pods(of job: String, in cluster: SchedulerCluster) async throws -> [Pod] {
        try await cluster.server.list(Pod.self).items.filter { $0.metadata.labels?["job-name"] == job }
    }

    @Test func aJobRunsParallelismPodsAtATimeUntilItsCompletionsSucceed() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(job("batch", parallelism: 2, completions: 5))
            try await cluster.advance(.seconds(60))
            let first = try await cluster.server.get(Job.self, name: "batch").status
            #expect(first?.active == 2)
            #expect(try await pods(of: "batch", in: cluster).allSatisfy { $0.metadata.annotations?["sim.fermi.dev/duration"] == "10m" })
            try await cluster.advance(.seconds(3600))
            let done = try await cluster.server.get(Job.self, name: "batch").status
            #expect(done?.succeeded == 5)
            #expect(done?.active == 0)
            #expect(try await condition(JobConditionType.complete, of: "batch", in: cluster) != nil)
            #expect(done?.completionTime != nil)
            // Two at a time: never more than two pods made before the first two ended.
            #expect(try await pods(of: "batch", in: cluster).count == 5)
        }
    }

    @Test func anIndexedJobRunsEachIndexOnce() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(
                job("indexed", parallelism: 3, completions: 3) { $0.completionMode = CompletionMode.indexed })
            try await cluster.advance(.seconds(3600))
            let pods = try await pods(of: "indexed", in: cluster)
            #expect(Set(pods.compactMap { $0.metadata.annotations?["batch.kubernetes.io/job-completion-index"] }) == ["0", "1", "2"])
            #expect(try await cluster.server.get(Job.self, name: "indexed").status?.completedIndexes == "0-2")
            #expect(try await condition(JobConditionType.complete, of: "indexed", in: cluster) != nil)
        }
    }

    @Test func moreFailuresThanTheBackoffLimitFailTheJob() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(
                job("flaky", parallelism: 1, completions: 1, failAfter: "1m") { $0.backoffLimit = 2 })
            try await cluster.advance(.seconds(3600))
            let failed = try #require(try await condition(JobConditionType.failed, of: "flaky", in: cluster))
            #expect(failed.reason == "BackoffLimitExceeded")
            #expect(failed.message == "Job has reached the specified backoff limit")
            #expect(try await cluster.server.get(Job.self, name: "flaky").status?.failed == 3)
            #expect(try await pods(of: "flaky", in: cluster).count == 3)
        }
    }

    @Test func aJobActiveLongerThanItsDeadlineFailsAndItsPodsGo() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(
                job("slow", parallelism: 1, completions: 1, duration: "2h") { $0.activeDeadlineSeconds = 600 })
            try await cluster.advance(.seconds(599))
            #expect(try await condition(JobConditionType.failed, of: "slow", in: cluster) == nil)
            try await cluster.advance(.seconds(2))
            let failed = try #require(try await condition(JobConditionType.failed, of: "slow", in: cluster))
            #expect(failed.reason == "DeadlineExceeded")
            #expect(try await pods(of: "slow", in: cluster).isEmpty)
        }
    }

    @Test func aSuspendedJobHasNoPodsAndResumesWhenUnsuspended() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(job("paused", parallelism: 2, completions: 2, duration: "1h"))
            try await cluster.advance(.seconds(60))
            #expect(try await pods(of: "paused", in: cluster).count == 2)
            var paused = try await cluster.server.get(Job.self, name: "paused")
            paused.spec.suspend = true
            _ = try await cluster.server.update(paused)
            try await cluster.advance(.seconds(60))
            #expect(try await pods(of: "paused", in: cluster).isEmpty)
            #expect(try await condition(JobConditionType.suspended, of: "paused", in: cluster)?.reason == "JobSuspended")
            var resumed = try await cluster.server.get(Job.self, name: "paused")
            resumed.spec.suspend = false
            _ = try await cluster.server.update(resumed)
            try await cluster.advance(.seconds(7200))
            #expect(try await condition(JobConditionType.complete, of: "paused", in: cluster) != nil)
            let suspended = try await cluster.server.get(Job.self, name: "paused").status?.conditions?.first { $0.type == "Suspended" }
            #expect(suspended?.status == "False")
            #expect(suspended?.reason == "JobResumed")
        }
    }

    @Test func aFinishedJobIsDeletedWithItsPodsAfterItsTimeToLive() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(
                job("short-lived", parallelism: 1, completions: 1) { $0.ttlSecondsAfterFinished = 300 })
            // Ten minutes of run after the image comes down: done at about 10 m 20 s.
            try await cluster.advance(.seconds(700))
            #expect(try await condition(JobConditionType.complete, of: "short-lived", in: cluster) != nil)
            try await cluster.advance(.seconds(300))
            #expect(try await cluster.server.list(Job.self).items.isEmpty)
            #expect(try await pods(of: "short-lived", in: cluster).isEmpty)
        }
    }

    @Test func aJobQueuedThroughKueueRunsOnceAdmittedAndItsWorkloadFinishes() async throws {
        try await cluster { cluster in
            try await KueueFixtures.installTeamQueue(
                gpus: 8, flavorLabels: ["nvidia.com/gpu.product": "NVIDIA-A100-SXM4-80GB"], in: cluster.server)
            for name in ["first", "second"] {
                var queued = job(name, parallelism: 1, completions: 1, gpus: 8, duration: "30m")
                queued.metadata.labels = [KueueNames.queueNameLabel: "team"]
                _ = try await cluster.server.create(queued)
            }
            try await cluster.advance(.seconds(60))
            // One 8-GPU job fits the quota; the other waits suspended, with no pods.
            #expect(try await pods(of: "first", in: cluster).count == 1)
            #expect(try await pods(of: "second", in: cluster).isEmpty)
            #expect(try await cluster.server.get(Job.self, name: "second").spec.suspend == true)
            try await cluster.advance(.seconds(7200))
            for name in ["first", "second"] {
                #expect(try await condition(JobConditionType.complete, of: name, in: cluster) != nil)
            }
            let workloads = try await cluster.server.list(Workload.self).items
            #expect(workloads.count == 2)
            #expect(workloads.allSatisfy { $0.hasCondition(KueueNames.finished) })
        }
    }
}
