extension Sweep {
    /// Grid search, minimising, one trial at a time, seed 1; the trial template defaulted as a
    /// Job is.
    public mutating func setDefaults() {
        if spec.algorithm == nil { spec.algorithm = "grid" }
        if var template = spec.trialTemplate {
            var job = Job(metadata: template.metadata ?? ObjectMeta(), spec: template.spec ?? JobSpec())
            job.setDefaults()
            template.spec = job.spec
            spec.trialTemplate = template
        }
        if spec.objective?.goal == nil, spec.objective != nil { spec.objective?.goal = "minimize" }
        if spec.parallelTrials == nil { spec.parallelTrials = 1 }
        if spec.seed == nil { spec.seed = 1 }
    }

    /// NAME PHASE COMPLETED BEST METRIC AGE; wide: RUNNING and the best trial's name.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Phase", jsonPath: ".status.phase"),
            PrinterColumn("Completed", jsonPath: ".status.completedTrials", type: .integer),
            PrinterColumn("Best Metric", jsonPath: ".status.bestTrial.metric"),
            .age,
            PrinterColumn("Running", jsonPath: ".status.runningTrials", type: .integer, priority: 1),
            PrinterColumn("Best Trial", jsonPath: ".status.bestTrial.name", priority: 1),
        ]
    }
}
