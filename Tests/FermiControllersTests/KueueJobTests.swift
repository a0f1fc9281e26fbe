import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import FermiRuntimeTestSupport
import Testing

/// Kueue end to end on a manual clock: a labelled Job is created suspended, gets a Workload,
/// starts on its flavor's nodes when admitted, waits with the reason when not, and frees its
/// quota when it finishes.
@Suite("Kueue jobs")
struct KueueJobTests {
    private static let product = ["nvidia.com/gpu.product": "NVIDIA-A100-SXM4-80GB"]

    private func cluster() async throws -> TestCluster {
        let cluster = try await TestCluster()
        for controller in [
            KueueScheduler.controller(in: cluster.manager), KueueJobController<Job>.controller(in: cluster.manager),
            GarbageCollector.controller(in: cluster.manager),
        ] {
            cluster.manager.add(controller)
        }
        try await KueueFixtures.installTeamQueue(gpus: 16, flavorLabels: Self.product, in: cluster.server)
        return cluster
    }

    /// A Job of `parallelism` pods of 8 GPUs, queued in LocalQueue `team`.
    private func job(_ name: String, parallelism: Int32) -> Job {
        var container = Container()
        container.name = "train"
        container.image = "registry.example.com/train:1"
        container.resources = ResourceRequirements(limits: ["nvidia.com/gpu": "8", "cpu": "8"])
        var metadata = ObjectMeta(name: name, namespace: "default")
        metadata.labels = [KueueNames.queueNameLabel: "team"]
        return Job(
            metadata: metadata,
            spec: JobSpec(
                parallelism: parallelism, completions: parallelism,
                template: PodTemplateSpec(spec: PodSpec(containers: [container], restartPolicy: "Never"))))
    }

    private func workload(of job: String, in cluster: TestCluster) async throws -> Workload? {
        try await cluster.server.list(Workload.self).items.first { $0.metadata.ownerReferences?.first?.name == job }
    }

    @Test func aQueuedJobRunsOnlyOnceAdmittedAndFreesItsQuotaWhenDone() async throws {
        let cluster = try await cluster()
        try await cluster.running {
            let first = try await cluster.server.create(job("first", parallelism: 2))
            #expect(first.spec.suspend == true)
            _ = try await cluster.manager.runUntilIdle(on: cluster.clock)
            let started = try await cluster.server.get(Job.self, name: "first")
            #expect(started.spec.suspend == false)
            #expect(started.spec.template?.spec?.nodeSelector == Self.product)
            let admitted = try #require(try await workload(of: "first", in: cluster))
            #expect(admitted.spec.podSets?.first?.count == 2)
            #expect(admitted.hasCondition(KueueNames.admitted))
            #expect(admitted.status?.admission?.podSetAssignments?.first?.resourceUsage?["nvidia.com/gpu"] == "16")

            _ = try await cluster.server.create(job("second", parallelism: 1))
            _ = try await cluster.manager.runUntilIdle(on: cluster.clock)
            #expect(try await cluster.server.get(Job.self, name: "second").spec.suspend == true)
            let waiting = try #require(try await workload(of: "second", in: cluster))
            let reserved = waiting.status?.conditions?.first { $0.type == KueueNames.quotaReserved }
            #expect(reserved?.status == "False")
            #expect(
                reserved?.message
                    == "couldn't assign flavors to pod set main: insufficient unused quota for nvidia.com/gpu in flavor gpu-a100, 8 more needed")
            let queue = try await cluster.server.get(ClusterQueue.self, name: "training")
            #expect(queue.status?.admittedWorkloads == 1)
            #expect(queue.status?.pendingWorkloads == 1)
            #expect(queue.status?.flavorsUsage?.first?.resources?.first { $0.name == "nvidia.com/gpu" }?.total == "16")
            #expect(try await cluster.server.get(LocalQueue.self, name: "team").status?.pendingWorkloads == 1)

            // The first job completes: its quota goes to the second.
            var done = try await cluster.server.get(Job.self, name: "first")
            done.status = JobStatus()
            done.status?.conditions = [JobCondition(type: JobConditionType.complete, status: "True")]
            _ = try await cluster.server.updateStatus(done)
            _ = try await cluster.manager.runUntilIdle(on: cluster.clock)
            #expect(try await workload(of: "first", in: cluster)?.hasCondition(KueueNames.finished) == true)
            #expect(try await cluster.server.get(Job.self, name: "second").spec.suspend == false)
            #expect(try await cluster.server.get(ClusterQueue.self, name: "training").status?.admittedWorkloads == 1)
        }
    }

    @Test func anEvictedJobIsSuspendedWithItsTemplateRestored() async throws {
        let cluster = try await cluster()
        try await cluster.running {
            _ = try await cluster.server.create(PriorityClass(metadata: ObjectMeta(name: "urgent"), value: 1000))
            var training = try await cluster.server.get(ClusterQueue.self, name: "training")
            training.spec.preemption?.withinClusterQueue = "LowerPriority"
            _ = try await cluster.server.update(training)
            _ = try await cluster.server.create(job("batch", parallelism: 2))
            _ = try await cluster.manager.runUntilIdle(on: cluster.clock)
            #expect(try await cluster.server.get(Job.self, name: "batch").spec.suspend == false)
            var urgent = job("urgent", parallelism: 1)
            urgent.spec.template?.spec?.priorityClassName = "urgent"
            _ = try await cluster.server.create(urgent)
            _ = try await cluster.manager.runUntilIdle(on: cluster.clock)
            let batch = try await cluster.server.get(Job.self, name: "batch")
            #expect(batch.spec.suspend == true)
            #expect(batch.spec.template?.spec?.nodeSelector == nil)
            let evicted = try #require(try await workload(of: "batch", in: cluster))
            #expect(evicted.hasCondition(KueueNames.evicted))
            #expect(evicted.status?.admission == nil)
            #expect(try await workload(of: "urgent", in: cluster)?.spec.priority == 1000)
            #expect(try await cluster.server.get(Job.self, name: "urgent").spec.suspend == false)
            let stopped = try await cluster.server.list(Event.self).items.filter { $0.involvedObject?.name == "batch" && $0.reason == "Stopped" }
            #expect(stopped.map(\.message) == ["Preempted to accommodate a workload (default/\(try #require(try await workload(of: "urgent", in: cluster)).name)) due to prioritization in the ClusterQueue"])
        }
    }
}
