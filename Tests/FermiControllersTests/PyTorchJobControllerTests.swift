import FermiAPI
import FermiAPIServer
import FermiControllers
import Foundation
import Testing

/// The PyTorchJob controller on a manual clock, with the scheduler, Kueue and simulated
/// kubelets running its pods.
@Suite("PyTorchJob controller")
struct PyTorchJobControllerTests {
    /// A job of one master and `workers` workers of `gpus` GPUs each, whose runs take
    /// `duration`; `annotations` say more of how it behaves.
    func job(
        _ name: String, workers: Int32, gpus: Int = 8, duration: String = "30m", restartPolicy: String = "OnFailure",
        annotations: [String: String] = [:], configure: (inout PyTorchJobSpec) -> Void = { _ in }
    ) -> PyTorchJob {
        var metadata = ObjectMeta(name: name, namespace: "default")
        metadata.annotations = ["sim.fermi.dev/duration": duration].merging(annotations) { _, new in new }
        var pod = SchedulerCluster.pod("template", gpus: gpus).spec
        pod.containers?[0].name = PyTorchJob.containerName
        pod.restartPolicy = nil
        let template = PodTemplateSpec(spec: pod)
        var spec = PyTorchJobSpec(
            pytorchReplicaSpecs: [
                PyTorchReplicaType.master: ReplicaSpec(replicas: 1, template: template, restartPolicy: restartPolicy),
                PyTorchReplicaType.worker: ReplicaSpec(replicas: workers, template: template, restartPolicy: restartPolicy),
            ])
        configure(&spec)
        return PyTorchJob(metadata: metadata, spec: spec)
    }

    func cluster(nodes: Int32 = 4, _ body: (SchedulerCluster) async throws -> Void) async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: nodes, zone: "cn-beijing-1")
            try await cluster.queue("default")
            try await body(cluster)
        }
    }

    func status(_ name: String, _ cluster: SchedulerCluster) async throws -> JobStatusKubeflow? {
        try await cluster.server.get(PyTorchJob.self, name: name).status
    }

    @Test func aMasterAndWorkersRunWithTorchsEnvironmentAndTheJobSucceeds() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(job("llm", workers: 3))
            try await cluster.advance(.seconds(60))
            let worker = try await cluster.pod("llm-worker-1")
            let environment = Dictionary(
                uniqueKeysWithValues: (worker.spec.containers?[0].env ?? []).map { ($0.name ?? "", $0.value ?? "") })
            #expect(environment["RANK"] == "2")
            #expect(environment["WORLD_SIZE"] == "4")
            #expect(environment["MASTER_ADDR"] == "llm-master-0")
            #expect(environment["MASTER_PORT"] == "23456")
            #expect(environment["PET_NNODES"] == "4")
            #expect(environment["PET_NODE_RANK"] == "2")
            #expect(worker.metadata.labels?["training.kubeflow.org/replica-type"] == "worker")
            #expect(try await cluster.server.list(Service.self).items.filter { $0.name.hasPrefix("llm-") }.count == 4)
            let running = try await status("llm", cluster)
            #expect(running?.conditions?.last?.type == "Running")
            #expect(running?.replicaStatuses?["Worker"]?.active == 3)
            #expect(running?.startTime != nil)
            #expect(running?.progress == "0%")
            #expect(running?.loss == "2.5000")
            try await cluster.advance(.seconds(3600))
            let done = try await status("llm", cluster)
            #expect(done?.conditions?.last?.type == "Succeeded")
            #expect(done?.conditions?.map(\.type) == ["Created", "Running", "Succeeded"])
            #expect(done?.conditions?.first { $0.type == "Running" }?.status == "False")
            #expect(done?.replicaStatuses?["Master"]?.succeeded == 1)
            #expect(done?.completionTime != nil)
        }
    }

    @Test func aGangScheduledJobRunsNoReplicaUntilAllCanBePlaced() async throws {
        try await cluster(nodes: 2) { cluster in
            _ = try await cluster.server.create(
                job("big", workers: 3) { $0.runPolicy = RunPolicy(schedulingPolicy: SchedulingPolicy(queue: "default")) })
            try await cluster.advance(.seconds(120))
            let group = try await cluster.group("big")
            #expect(group.spec.minMember == 4)
            #expect(group.spec.minResources?["nvidia.com/gpu"] == "32")
            let names = ["big-master-0", "big-worker-0", "big-worker-1", "big-worker-2"]
            #expect(try await cluster.bound(names).values.allSatisfy { !$0 })
            #expect(try await cluster.whyPending("big") == "gang 4/4 not placeable: 2 nodes fit")
        }
    }

    @Test func aReplicaThatFailsUnderNeverFailsTheJob() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(
                job("fragile", workers: 1, restartPolicy: "Never", annotations: ["sim.fermi.dev/fail-after": "5m"]))
            try await cluster.advance(.seconds(900))
            let failed = try await status("fragile", cluster)
            #expect(failed?.conditions?.last?.type == "Failed")
            #expect(failed?.conditions?.last?.message?.hasPrefix("PyTorchJob fragile is failed because 1 ") == true)
        }
    }

    @Test func aRetryableExitCodeRestartsTheReplicaUntilTheBackoffLimit() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(
                job(
                    "killed", workers: 1, restartPolicy: "ExitCode",
                    annotations: ["sim.fermi.dev/fail-after": "5m", "sim.fermi.dev/exit-code": "137"]
                ) { $0.runPolicy = RunPolicy(backoffLimit: 2) })
            try await cluster.advance(.seconds(3600))
            let failed = try await status("killed", cluster)
            #expect(failed?.conditions?.last?.type == "Failed")
            #expect(failed?.conditions?.last?.message == "PyTorchJob killed has failed because it has reached the specified backoff limit")
            // Restarted on the way: killed by a signal (137) is worth another try.
            #expect(failed?.conditions?.contains { $0.type == "Restarting" } == true)
            #expect((failed?.restarts ?? 0) >= 1)
        }
    }

    @Test func aJobQueuedThroughKueueStartsSuspendedAndRunsOnceAdmitted() async throws {
        try await cluster { cluster in
            try await KueueFixtures.installTeamQueue(gpus: 16, in: cluster.server)
            var queued = job("queued", workers: 1)
            queued.metadata.labels = [KueueNames.queueNameLabel: "team"]
            let created = try await cluster.server.create(queued)
            #expect(created.spec.runPolicy?.suspend == true)
            try await cluster.advance(.seconds(3600))
            let done = try await status("queued", cluster)
            #expect(done?.conditions?.last?.type == "Succeeded")
            #expect(try await cluster.server.list(Workload.self).items.first?.hasCondition(KueueNames.finished) == true)
        }
    }

    @Test func aJobThatLosesANodeResumesFromItsLastCheckpoint() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.zone("cn-beijing-2")
            try await cluster.pool("bj1", replicas: 2, zone: "cn-beijing-1")
            try await cluster.pool("bj2", replicas: 2, zone: "cn-beijing-2")
            // Ten hours of training, checkpointed every hour.
            _ = try await cluster.server.create(
                job("long", workers: 1, duration: "10h", annotations: ["sim.fermi.dev/checkpoint-interval": "1h"]))
            try await cluster.advance(.seconds(5 * 3600 + 1800))
            // Brought up to date every ten minutes: about 5.5 of 10 hours done.
            #expect(["53%", "54%"].contains(try await status("long", cluster)?.progress ?? ""))
            let zone = try await cluster.zones(of: ["long-master-0"])["long-master-0"] ?? nil
            try await cluster.setHealth(of: try #require(zone), to: ZoneHealth.down)
            try await cluster.advance(.seconds(12 * 3600))
            let done = try #require(try await status("long", cluster))
            #expect(done.conditions?.last?.type == "Succeeded")
            #expect(done.checkpoint == "18000s")
            // Created, Running, Restarting, Running again, Succeeded: each kept once, the last set last.
            #expect(done.conditions?.map(\.type) == ["Created", "Restarting", "Running", "Succeeded"])
            #expect(done.conditions?.first { $0.type == "Restarting" }?.status == "False")
            #expect(done.progress == "100%")
            // Half an hour past the 5 h checkpoint was lost, less the image pull before the start.
            let lost: Int = try #require(done.lostWork.flatMap { Int($0.dropLast()) })
            #expect(lost >= 1700 && lost <= 1900)
            #expect(done.restarts == 1)
            // 5.5 h, then 5 h from the 5 h checkpoint plus the restart: not 15.5 h.
            let finished: Int64 = try #require(done.completionTime).secondsSince1970
            let started: Int64 = try #require(done.startTime).secondsSince1970
            let took = Int(finished - started)
            #expect(took >= 10 * 3600 + 1800 && took <= 10 * 3600 + 1800 + 300)
            // The record: two runs, the first cut short at about 55%, the second resumed from
            // the checkpoint; 16 GPUs for about 5.5 h and then 5 h, each run's usage its own.
            let runs = done.runs ?? []
            #expect(runs.map(\.outcome) == ["Restarted", "Succeeded"])
            #expect(runs.map(\.resumedFrom) == [nil, "18000s"])
            #expect(["54%", "55%"].contains(runs.first?.progress ?? ""))
            let hours = runs.compactMap { $0.gpuHours.flatMap(Double.init) }
            #expect(hours.count == 2 && hours[0] > 86 && hours[0] < 89 && hours[1] > 78 && hours[1] < 81, "\(hours)")
            #expect(done.gpuHours.flatMap(Double.init).map { abs($0 - hours.reduce(0, +)) < 0.02 } == true)
            #expect(done.cost.flatMap(Double.init).map { $0 > 0 } == true)
            // Metrics over time: loss falls, thinned to at most the limit, across both runs.
            let history = done.metricsHistory ?? []
            #expect(history.count > 10 && history.count <= TrainingMetricsSample.limit)
            #expect((history.first?.loss).flatMap(Double.init)! > (history.last?.loss).flatMap(Double.init)!)
            #expect(history.allSatisfy { $0.throughput == "3200" })
        }
    }

    @Test func underAlwaysAFailedReplicaRestartsInPlaceAndTheJobRunsOn() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(
                job("always", workers: 1, duration: "1h", restartPolicy: "Always", annotations: ["sim.fermi.dev/fail-after": "10m"]))
            try await cluster.advance(.seconds(60))
            let first = try await cluster.pod("always-master-0")
            try await cluster.advance(.seconds(15 * 60))
            // The kubelet restarted the container in the same pod; the job never restarted its run.
            let again = try await cluster.pod("always-master-0")
            #expect(again.metadata.uid == first.metadata.uid)
            #expect(again.status?.containerStatuses?.first?.restartCount == 1)
            #expect(again.spec.restartPolicy == "Always")
            let running = try #require(try await status("always", cluster))
            #expect(running.conditions?.last?.type == "Running")
            #expect(running.restarts == nil)
            #expect(running.conditions?.contains { $0.type == "Failed" } == false)
        }
    }

    @Test func eachSuccessfulRunRegistersAVersionOfItsModel() async throws {
        try await cluster { cluster in
            for name in ["first-run", "second-run"] {
                var run = job(name, workers: 1, duration: "20m", annotations: [ModelAnnotations.model: "llama-chat"])
                run.spec.pytorchReplicaSpecs?[PyTorchReplicaType.master]?.template?.spec?.containers?[0].env = [
                    EnvVar(name: "LEARNING_RATE", value: name == "first-run" ? "2e-5" : "1e-5")
                ]
                _ = try await cluster.server.create(run)
                try await cluster.advance(.seconds(3600))
            }
            let model = try await cluster.server.get(Model.self, name: "llama-chat")
            #expect(model.status?.latestVersion == 2)
            let versions = model.status?.versions ?? []
            #expect(versions.map(\.storageUri) == ["fermi://models/llama-chat/1", "fermi://models/llama-chat/2"])
            #expect(versions.map(\.sourceJob) == ["PyTorchJob default/first-run", "PyTorchJob default/second-run"])
            #expect(versions.map { $0.parameters?["LEARNING_RATE"] } == ["2e-5", "1e-5"])
            #expect(versions.first?.metrics?["gpus"] == "16")
            #expect(versions.first?.metrics?["trainingTime"] != nil)
            // The loss the trainer's logs end on, as the kubelet's collector read it; it
            // depends on the hyperparameters, so the two runs differ.
            let master = try await cluster.pod("first-run-master-0")
            let logged = SimAnnotations.metrics(in: master.metadata.annotations)
            #expect(versions.first?.metrics?["loss"] == logged["loss"])
            #expect(versions.first?.metrics?["loss"] != versions.last?.metrics?["loss"])
            // 16 GPUs for 20 minutes; the cost is what the kubelet charged the pods.
            #expect(versions.first?.metrics?["gpuHours"] == "5.33")
            let worker = try await cluster.pod("first-run-worker-0")
            let charged = PodUsage(annotations: master.metadata.annotations) + PodUsage(annotations: worker.metadata.annotations)
            #expect(charged.cost > 0)
            #expect(versions.first?.metrics?["cost"] == PodUsage.text(charged.cost, places: 2))
            #expect(versions.first?.metrics?["throughput"] == "3200")
            // Looked at again, a job registers nothing more.
            var touched = try await cluster.server.get(PyTorchJob.self, name: "first-run")
            touched.metadata.labels = ["touched": "yes"]
            _ = try await cluster.server.update(touched)
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.server.get(Model.self, name: "llama-chat").status?.versions?.count == 2)
        }
    }

    @Test func suspendingStopsEveryReplicaAndResumingStartsThemAgain() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(job("paused", workers: 1, duration: "1h"))
            try await cluster.advance(.seconds(120))
            var paused = try await cluster.server.get(PyTorchJob.self, name: "paused")
            paused.spec.runPolicy = RunPolicy(suspend: true)
            _ = try await cluster.server.update(paused)
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.server.list(Pod.self).items.filter { $0.name.hasPrefix("paused-") }.isEmpty)
            #expect(try await status("paused", cluster)?.conditions?.last?.type == "Suspended")
            var resumed = try await cluster.server.get(PyTorchJob.self, name: "paused")
            resumed.spec.runPolicy?.suspend = false
            _ = try await cluster.server.update(resumed)
            try await cluster.advance(.seconds(2 * 3600))
            let done = try await status("paused", cluster)
            #expect(done?.conditions?.last?.type == "Succeeded")
            #expect(done?.conditions?.first { $0.type == "Suspended" }?.status == "False")
        }
    }

    @Test func cleanPodPolicyAndTimeToLiveClearAFinishedJobAway() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(
                job("tidy", workers: 1, duration: "10m") { $0.runPolicy = RunPolicy(cleanPodPolicy: "All", ttlSecondsAfterFinished: 600) })
            _ = try await cluster.server.create(
                job("keep", workers: 1, duration: "10m") { $0.runPolicy = RunPolicy(cleanPodPolicy: "None") })
            try await cluster.advance(.seconds(1200))
            let pods = try await cluster.server.list(Pod.self).items
            // All: the finished job's pods are gone; None: they stay, Succeeded.
            #expect(!pods.contains { $0.name.hasPrefix("tidy-") })
            #expect(pods.filter { $0.name.hasPrefix("keep-") }.count == 2)
            #expect(try await status("tidy", cluster)?.conditions?.last?.type == "Succeeded")
            try await cluster.advance(.seconds(600))
            // Ten minutes after it finished, the job itself goes.
            #expect(try await cluster.server.list(PyTorchJob.self).items.map(\.name) == ["keep"])
        }
    }

    @Test func anElasticJobMeetsAtARendezvousAndIsGangedOnItsFewestWorkers() async throws {
        try await cluster { cluster in
            _ = try await cluster.server.create(
                job("elastic", workers: 3) { spec in
                    spec.pytorchReplicaSpecs?[PyTorchReplicaType.master] = nil
                    var elastic = ElasticPolicy()
                    elastic.minReplicas = 2
                    elastic.maxReplicas = 3
                    elastic.maxRestarts = 5
                    spec.elasticPolicy = elastic
                    spec.runPolicy = RunPolicy(schedulingPolicy: SchedulingPolicy(queue: "default"))
                })
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.group("elastic").spec.minMember == 2)
            let worker = try await cluster.pod("elastic-worker-1")
            let environment = Dictionary(
                uniqueKeysWithValues: (worker.spec.containers?[0].env ?? []).map { ($0.name ?? "", $0.value ?? "") })
            #expect(environment["PET_NNODES"] == "2:3")
            #expect(environment["PET_RDZV_ENDPOINT"] == "elastic-worker-0:29400")
            #expect(environment["PET_RDZV_BACKEND"] == "c10d")
            #expect(environment["PET_MAX_RESTARTS"] == "5")
        }
    }
}
