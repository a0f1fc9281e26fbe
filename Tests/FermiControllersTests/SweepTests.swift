import FermiAPI
import FermiAPIServer
import FermiControllers
import Testing

/// Hyperparameter sweeps on a manual clock: trials run as Jobs through the scheduler and the
/// simulated kubelets, at most parallelTrials at a time, and the best is reported.
@Suite("Sweep")
struct SweepTests {
    private func sweep(_ name: String, parameters: [SweepParameter], maxTrials: Int32, parallel: Int32, algorithm: String = "grid")
        -> Sweep
    {
        var pod = SchedulerCluster.pod("trial", gpus: 1).spec
        pod.restartPolicy = "Never"
        var template = JobTemplate(
            metadata: ObjectMeta(), spec: JobSpec(parallelism: 1, completions: 1, template: PodTemplateSpec(spec: pod)))
        template.metadata?.annotations = ["sim.fermi.dev/duration": "10m"]
        var spec = SweepSpec(
            objective: SweepObjective(metric: "loss"), algorithm: algorithm, maxTrials: maxTrials, parallelTrials: parallel,
            parameters: parameters, trialTemplate: template)
        spec.seed = 7
        return Sweep(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    @Test func aHundredTrialsRunWithoutManualStepsAndTheBestIsReported() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            let rates = ["1e-5", "2e-5", "5e-5", "1e-4", "2e-4", "5e-4", "1e-3", "2e-3", "5e-3", "1e-2"]
            let batches = (1...10).map { String($0 * 16) }
            _ = try await cluster.server.create(
                sweep(
                    "grid", parameters: [SweepParameter(name: "LEARNING_RATE", values: rates), SweepParameter(name: "BATCH_SIZE", values: batches)],
                    maxTrials: 100, parallel: 8))
            try await cluster.advance(.seconds(60))
            let early = try await cluster.server.get(Sweep.self, name: "grid").status
            #expect(early?.runningTrials == 8)
            #expect(try await cluster.server.list(Job.self).items.count == 8)
            try await cluster.advance(.seconds(6 * 3600))
            let done = try #require(try await cluster.server.get(Sweep.self, name: "grid").status)
            #expect(done.phase == "Succeeded")
            #expect(done.completedTrials == 100)
            let trials = done.trials ?? []
            #expect(Set(trials.compactMap { $0.parameters?["LEARNING_RATE"] }) == Set(rates))
            let best = try #require(done.bestTrial)
            let lowest = trials.compactMap { $0.metric.flatMap(Double.init) }.min()
            #expect(best.metric.flatMap(Double.init) == lowest)
            // The trial's job ran with its parameters in its environment.
            let job = try await cluster.server.get(Job.self, name: try #require(best.name))
            let env = job.spec.template?.spec?.containers?.first?.env ?? []
            #expect(env.contains { $0.name == "LEARNING_RATE" && $0.value == best.parameters?["LEARNING_RATE"] })
            // Its score is the loss its trainer's output reported last, as the collector read it.
            let pod = try #require(try await cluster.server.list(Pod.self).items.first { $0.metadata.labels?["job-name"] == best.name })
            #expect(SimAnnotations.metrics(in: pod.metadata.annotations)["loss"] == best.metric)
        }
    }

    @Test func aTrialThatNeverReportsTheObjectiveIsMetricsUnavailable() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 1, zone: "cn-beijing-1")
            var unreported = sweep("bleu", parameters: [SweepParameter(name: "LEARNING_RATE", values: ["1e-4", "2e-4"])], maxTrials: 2, parallel: 2)
            unreported.spec.objective?.metric = "bleu"
            _ = try await cluster.server.create(unreported)
            try await cluster.advance(.seconds(3600))
            let status = try #require(try await cluster.server.get(Sweep.self, name: "bleu").status)
            #expect(status.trials?.map(\.phase) == ["MetricsUnavailable", "MetricsUnavailable"])
            #expect(status.bestTrial == nil)
            #expect(status.phase == "Failed")
        }
    }

    @Test func randomSearchDrawsTheSameTrialsFromTheSameSeed() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            for name in ["random-a", "random-b"] {
                _ = try await cluster.server.create(
                    sweep(
                        name, parameters: [SweepParameter(name: "DROPOUT", min: "0.0", max: "0.5")], maxTrials: 5, parallel: 5,
                        algorithm: "random"))
            }
            try await cluster.advance(.seconds(3600))
            let drawn = try await ["random-a", "random-b"].asyncMap { name in
                try await cluster.server.get(Sweep.self, name: name).status?.trials?.compactMap { $0.parameters?["DROPOUT"] } ?? []
            }
            #expect(drawn[0].count == 5)
            #expect(drawn[0] == drawn[1])
            #expect(drawn[0].allSatisfy { (Double($0) ?? -1) >= 0 && (Double($0) ?? 1) <= 0.5 })
            #expect(Set(drawn[0]).count == 5)
        }
    }

    @Test func aRangeMustRunFromLowToHigh() {
        var spec = sweep(
            "bad", parameters: [SweepParameter(name: "DROPOUT", min: "0.5", max: "0.1")], maxTrials: 5, parallel: 1,
            algorithm: "random")
        spec.setDefaults()
        #expect(spec.validate().map(\.description) == ["spec.parameters[0].max: Invalid value: \"0.1\": must be greater than min"])
    }
}

extension Array {
    /// The elements mapped in order by an async transform.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var mapped: [T] = []
        for element in self { mapped.append(try await transform(element)) }
        return mapped
    }
}
