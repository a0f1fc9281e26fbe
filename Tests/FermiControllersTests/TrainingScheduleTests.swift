import FermiAPI
import FermiAPIServer
import FermiControllers
import Testing

/// Scheduled retraining on the simulation clock: runs on the cron schedule, the concurrency
/// policies, and the history kept.
@Suite("Training schedule")
struct TrainingScheduleTests {
    private func schedule(_ name: String, cron: String, policy: String, runFor duration: String) -> TrainingSchedule {
        var pod = SchedulerCluster.pod("run", gpus: 1).spec
        pod.restartPolicy = "Never"
        var template = JobTemplate(
            metadata: ObjectMeta(), spec: JobSpec(parallelism: 1, completions: 1, template: PodTemplateSpec(spec: pod)))
        template.metadata?.annotations = ["sim.fermi.dev/duration": duration]
        var spec = TrainingScheduleSpec(schedule: cron, concurrencyPolicy: policy)
        spec.jobTemplate = template
        spec.successfulJobsHistoryLimit = 2
        return TrainingSchedule(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    private func runs(of name: String, in cluster: SchedulerCluster) async throws -> [Job] {
        try await cluster.server.list(Job.self).items.filter { $0.metadata.labels?[TrainingScheduleController.scheduleLabel] == name }
    }

    @Test func runsComeOnScheduleAndOnlyTheLastFewAreKept() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 1, zone: "cn-beijing-1")
            _ = try await cluster.server.create(schedule("nightly", cron: "@hourly", policy: "Allow", runFor: "10m"))
            try await cluster.advance(.seconds(4 * 3600 + 1800))
            let kept = try await runs(of: "nightly", in: cluster)
            // Four runs were made, each done in ten minutes; the last two are kept (the limit).
            #expect(kept.count == 2)
            #expect(kept.allSatisfy { Conditions.isTrue(JobConditionType.complete, in: $0.status?.conditions) })
            let status = try await cluster.server.get(TrainingSchedule.self, name: "nightly").status
            #expect(status?.lastScheduleTime != nil)
            #expect(status?.lastSuccessfulTime != nil)
            let created = try await cluster.server.list(Event.self).items.filter { $0.involvedObject?.name == "nightly" && $0.reason == "SuccessfulCreate" }
            #expect(created.count == 4)
        }
    }

    @Test func forbidSkipsARunWhileOneIsActiveAndReplaceStopsIt() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 1, zone: "cn-beijing-1")
            // Each run takes 90 minutes; a new one is due every hour.
            _ = try await cluster.server.create(schedule("forbid", cron: "@hourly", policy: "Forbid", runFor: "90m"))
            _ = try await cluster.server.create(schedule("replace", cron: "@hourly", policy: "Replace", runFor: "90m"))
            try await cluster.advance(.seconds(2 * 3600 + 60))
            // Forbid: the first run (made at 1 h) was still active at 2 h, so no second run.
            #expect(try await runs(of: "forbid", in: cluster).count == 1)
            #expect(
                try await cluster.server.list(Event.self).items.contains {
                    $0.involvedObject?.name == "forbid" && $0.reason == "JobAlreadyActive"
                })
            // Replace: the first run was deleted for the second.
            let replaced = try await runs(of: "replace", in: cluster)
            #expect(replaced.count == 1)
            let status = try await cluster.server.get(TrainingSchedule.self, name: "replace").status
            #expect(status?.active == replaced.map(\.name))
        }
    }
}
