/// Scheduled retraining (`fermi.dev/v1alpha1`), after batch/v1's CronJob: on a cron schedule
/// in simulated time it makes a training job — a PyTorchJob or a Job — from its template,
/// with a concurrency policy for runs that overlap and limits on the finished runs it keeps.
public struct TrainingSchedule: StatusHavingObject {
    public static let resource = APIResource(
        group: "fermi.dev", version: "v1alpha1", kind: "TrainingSchedule", plural: "trainingschedules", shortNames: ["ts"],
        namespaced: true)

    public var apiVersion = TrainingSchedule.resource.apiVersion
    public var kind = TrainingSchedule.resource.kind
    public var metadata: ObjectMeta
    public var spec: TrainingScheduleSpec
    public var status: TrainingScheduleStatus?

    public init(metadata: ObjectMeta, spec: TrainingScheduleSpec = TrainingScheduleSpec(), status: TrainingScheduleStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// When to train and what.
public struct TrainingScheduleSpec: Codable, Hashable, Sendable {
    /// A cron schedule in UTC (`0 2 * * *`, `@daily`).
    public var schedule: String?
    /// Allow (the default), Forbid (skip a run while one is active) or Replace (stop the
    /// active one and start anew).
    public var concurrencyPolicy: String?
    /// Whether runs are held.
    public var suspend: Bool?
    /// Finished runs kept: 3 succeeded and 1 failed by default.
    public var successfulJobsHistoryLimit: Int32?
    public var failedJobsHistoryLimit: Int32?
    /// The PyTorchJob each run makes (or `jobTemplate`, not both).
    public var pytorchJobTemplate: PyTorchJobTemplate?
    /// The batch/v1 Job each run makes (or `pytorchJobTemplate`, not both).
    public var jobTemplate: JobTemplate?

    public init(schedule: String? = nil, concurrencyPolicy: String? = nil, pytorchJobTemplate: PyTorchJobTemplate? = nil) {
        self.schedule = schedule
        self.concurrencyPolicy = concurrencyPolicy
        self.pytorchJobTemplate = pytorchJobTemplate
    }
}

/// The PyTorchJob a scheduled run makes.
public struct PyTorchJobTemplate: Codable, Hashable, Sendable {
    /// Labels and annotations every run carries.
    public var metadata: ObjectMeta?
    public var spec: PyTorchJobSpec?

    public init(metadata: ObjectMeta? = nil, spec: PyTorchJobSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// The runs so far.
public struct TrainingScheduleStatus: Codable, Hashable, Sendable {
    /// Runs not finished.
    public var active: [String]?
    /// When the last run was due.
    public var lastScheduleTime: Timestamp?
    /// When a run last succeeded.
    public var lastSuccessfulTime: Timestamp?

    public init(active: [String]? = nil, lastScheduleTime: Timestamp? = nil) {
        self.active = active
        self.lastScheduleTime = lastScheduleTime
    }
}

/// The values of a training schedule's enums.
public enum TrainingScheduleEnums {
    public static let concurrencyPolicies = ["Allow", "Forbid", "Replace"]
}
