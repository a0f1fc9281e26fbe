/// A hyperparameter sweep (`fermi.dev/v1alpha1`, after Katib's Experiment): trials of a job
/// template, each with its own parameter values (a grid, or random draws), run through the
/// queues at most `parallelTrials` at a time, compared on an objective metric; the best
/// trial is reported.
public struct Sweep: StatusHavingObject {
    public static let resource = APIResource(
        group: "fermi.dev", version: "v1alpha1", kind: "Sweep", plural: "sweeps", shortNames: ["sw"], namespaced: true)

    public var apiVersion = Sweep.resource.apiVersion
    public var kind = Sweep.resource.kind
    public var metadata: ObjectMeta
    public var spec: SweepSpec
    public var status: SweepStatus?

    public init(metadata: ObjectMeta, spec: SweepSpec = SweepSpec(), status: SweepStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What a sweep tries and how.
public struct SweepSpec: Codable, Hashable, Sendable {
    /// The metric trials are compared on, and whether less or more is better.
    public var objective: SweepObjective?
    /// grid (every combination of the values, in order) or random (draws from the values or
    /// ranges); grid by default.
    public var algorithm: String?
    /// The most trials to run.
    public var maxTrials: Int32?
    /// The most trials running at once; 1 by default.
    public var parallelTrials: Int32?
    /// The seed of random draws (and of the simulated metric).
    public var seed: Int64?
    /// The parameters, passed to each trial as environment variables of its containers.
    public var parameters: [SweepParameter]?
    /// The job each trial runs (a batch/v1 Job's metadata and spec).
    public var trialTemplate: JobTemplate?

    public init(
        objective: SweepObjective? = nil, algorithm: String? = nil, maxTrials: Int32? = nil, parallelTrials: Int32? = nil,
        parameters: [SweepParameter]? = nil, trialTemplate: JobTemplate? = nil
    ) {
        self.objective = objective
        self.algorithm = algorithm
        self.maxTrials = maxTrials
        self.parallelTrials = parallelTrials
        self.parameters = parameters
        self.trialTemplate = trialTemplate
    }
}

/// The metric a sweep optimises.
public struct SweepObjective: Codable, Hashable, Sendable {
    /// The metric's name (`loss`).
    public var metric: String?
    /// minimize or maximize; minimize by default.
    public var goal: String?

    public init(metric: String? = nil, goal: String? = nil) {
        self.metric = metric
        self.goal = goal
    }
}

/// One parameter: a list of values, or (for random search) a numeric range.
public struct SweepParameter: Codable, Hashable, Sendable {
    /// The environment variable it is passed as (`LEARNING_RATE`).
    public var name: String?
    /// The values to try.
    public var values: [String]?
    /// The least value of a range (random search).
    public var min: String?
    /// The greatest value of a range (random search).
    public var max: String?

    public init(name: String? = nil, values: [String]? = nil, min: String? = nil, max: String? = nil) {
        self.name = name
        self.values = values
        self.min = min
        self.max = max
    }
}

/// How a sweep is going.
public struct SweepStatus: Codable, Hashable, Sendable {
    /// Running, then Succeeded once every trial has finished (Failed if none succeeded).
    public var phase: String?
    public var trials: [SweepTrial]?
    public var runningTrials: Int32?
    public var completedTrials: Int32?
    public var failedTrials: Int32?
    /// The trial with the best objective so far.
    public var bestTrial: SweepTrial?
    public var conditions: [Condition]?

    public init(phase: String? = nil, trials: [SweepTrial]? = nil) {
        self.phase = phase
        self.trials = trials
    }
}

/// One trial: its job, its parameter values, and how it did.
public struct SweepTrial: Codable, Hashable, Sendable {
    /// The trial's Job.
    public var name: String?
    public var parameters: [String: String]?
    /// Pending, Running, Succeeded, Failed, or MetricsUnavailable (it succeeded without
    /// reporting the objective metric).
    public var phase: String?
    /// The objective metric it reported (`0.4123`), once it succeeded.
    public var metric: String?

    public init(name: String? = nil, parameters: [String: String]? = nil, phase: String? = nil, metric: String? = nil) {
        self.name = name
        self.parameters = parameters
        self.phase = phase
        self.metric = metric
    }
}

/// The values of a sweep's enums.
public enum SweepEnums {
    public static let algorithms = ["grid", "random"]
    public static let goals = ["minimize", "maximize"]
}
