/// A Job (`batch/v1`): runs pods from a template until a number of them complete
/// successfully, retrying failures up to a limit. Queued through Kueue by the
/// `kueue.x-k8s.io/queue-name` label.
public struct Job: StatusHavingObject {
    public static let resource = APIResource(
        group: "batch", version: "v1", kind: "Job", plural: "jobs", namespaced: true, categories: ["all"])

    public var apiVersion = Job.resource.apiVersion
    public var kind = Job.resource.kind
    public var metadata: ObjectMeta
    public var spec: JobSpec
    public var status: JobStatus?

    public init(metadata: ObjectMeta, spec: JobSpec = JobSpec(), status: JobStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What a Job runs and how many times.
public struct JobSpec: Codable, Hashable, Sendable {
    /// The most pods running at once; 1 by default.
    public var parallelism: Int32?
    /// How many pods must succeed; 1 by default when parallelism is unset too.
    public var completions: Int32?
    /// Seconds the Job may run, counted from its start, before it is failed.
    public var activeDeadlineSeconds: Int64?
    /// How pod failures are counted, ignored, or fail the Job at once.
    public var podFailurePolicy: PodFailurePolicy?
    /// When an Indexed Job counts as succeeded before every index has.
    public var successPolicy: SuccessPolicy?
    /// Retries before the Job is failed; 6 by default.
    public var backoffLimit: Int32?
    /// Retries per index of an Indexed Job.
    public var backoffLimitPerIndex: Int32?
    /// Failed indexes after which an Indexed Job is failed.
    public var maxFailedIndexes: Int32?
    /// The Job's pods; generated from the Job's uid unless manualSelector is true.
    public var selector: LabelSelector?
    /// Whether the selector is the user's own; false by default.
    public var manualSelector: Bool?
    /// The pods the Job runs; restartPolicy OnFailure or Never.
    public var template: PodTemplateSpec?
    /// Seconds after the Job finishes before it is deleted.
    public var ttlSecondsAfterFinished: Int32?
    /// NonIndexed (the default) or Indexed.
    public var completionMode: String?
    /// Whether the Job is held: no pods are created, running ones are stopped.
    public var suspend: Bool?
    /// TerminatingOrFailed (the default) or Failed: when a replacement pod is made.
    public var podReplacementPolicy: String?
    /// The controller that manages the Job, when not the built-in one.
    public var managedBy: String?

    public init(
        parallelism: Int32? = nil, completions: Int32? = nil, activeDeadlineSeconds: Int64? = nil,
        podFailurePolicy: PodFailurePolicy? = nil, successPolicy: SuccessPolicy? = nil,
        backoffLimit: Int32? = nil, backoffLimitPerIndex: Int32? = nil, maxFailedIndexes: Int32? = nil,
        selector: LabelSelector? = nil, manualSelector: Bool? = nil, template: PodTemplateSpec? = nil,
        ttlSecondsAfterFinished: Int32? = nil, completionMode: String? = nil, suspend: Bool? = nil,
        podReplacementPolicy: String? = nil, managedBy: String? = nil
    ) {
        self.parallelism = parallelism
        self.completions = completions
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.podFailurePolicy = podFailurePolicy
        self.successPolicy = successPolicy
        self.backoffLimit = backoffLimit
        self.backoffLimitPerIndex = backoffLimitPerIndex
        self.maxFailedIndexes = maxFailedIndexes
        self.selector = selector
        self.manualSelector = manualSelector
        self.template = template
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.completionMode = completionMode
        self.suspend = suspend
        self.podReplacementPolicy = podReplacementPolicy
        self.managedBy = managedBy
    }
}

/// Rules for pod failures, checked in order; the first that matches decides.
public struct PodFailurePolicy: Codable, Hashable, Sendable {
    public var rules: [PodFailurePolicyRule]?

    public init(rules: [PodFailurePolicyRule]? = nil) {
        self.rules = rules
    }
}

/// What to do (FailJob, FailIndex, Ignore, Count) with a pod failure that matches exit codes
/// or pod conditions.
public struct PodFailurePolicyRule: Codable, Hashable, Sendable {
    public var action: String?
    public var onExitCodes: PodFailurePolicyOnExitCodesRequirement?
    public var onPodConditions: [PodFailurePolicyOnPodConditionsPattern]?

    public init(
        action: String? = nil, onExitCodes: PodFailurePolicyOnExitCodesRequirement? = nil,
        onPodConditions: [PodFailurePolicyOnPodConditionsPattern]? = nil
    ) {
        self.action = action
        self.onExitCodes = onExitCodes
        self.onPodConditions = onPodConditions
    }
}

/// Exit codes of a pod's containers that a rule matches.
public struct PodFailurePolicyOnExitCodesRequirement: Codable, Hashable, Sendable {
    /// The container whose exit code is checked; any container when absent.
    public var containerName: String?
    /// In or NotIn.
    public var `operator`: String?
    /// The exit codes, ascending, without repeats.
    public var values: [Int32]?

    public init(containerName: String? = nil, operator: String? = nil, values: [Int32]? = nil) {
        self.containerName = containerName
        self.`operator` = `operator`
        self.values = values
    }
}

/// A pod condition that a rule matches.
public struct PodFailurePolicyOnPodConditionsPattern: Codable, Hashable, Sendable {
    public var type: String?
    /// "True" (the default), "False" or "Unknown".
    public var status: String?

    public init(type: String? = nil, status: String? = nil) {
        self.type = type
        self.status = status
    }
}

/// When an Indexed Job counts as succeeded.
public struct SuccessPolicy: Codable, Hashable, Sendable {
    /// Any rule that is met makes the Job succeed.
    public var rules: [SuccessPolicyRule]?

    public init(rules: [SuccessPolicyRule]? = nil) {
        self.rules = rules
    }
}

/// Indexes, or a count of them, that must succeed.
public struct SuccessPolicyRule: Codable, Hashable, Sendable {
    /// Indexes as intervals, e.g. `1,3-5,7`.
    public var succeededIndexes: String?
    public var succeededCount: Int32?

    public init(succeededIndexes: String? = nil, succeededCount: Int32? = nil) {
        self.succeededIndexes = succeededIndexes
        self.succeededCount = succeededCount
    }
}

/// Where a Job stands.
public struct JobStatus: Codable, Hashable, Sendable {
    /// Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet.
    public var conditions: [JobCondition]?
    /// When the Job's controller started working on it.
    public var startTime: Timestamp?
    /// When the Job completed; set only on success.
    public var completionTime: Timestamp?
    /// Pods pending or running.
    public var active: Int32?
    /// Pods that succeeded.
    public var succeeded: Int32?
    /// Pods that failed.
    public var failed: Int32?
    /// Pods that are terminating.
    public var terminating: Int32?
    /// The indexes that succeeded, as intervals (`1,3-5,7`).
    public var completedIndexes: String?
    /// The indexes that failed, as intervals.
    public var failedIndexes: String?
    /// Pods that finished but are not yet counted in succeeded or failed.
    public var uncountedTerminatedPods: UncountedTerminatedPods?
    /// Active pods that are Ready.
    public var ready: Int32?

    public init(
        conditions: [JobCondition]? = nil, startTime: Timestamp? = nil,
        completionTime: Timestamp? = nil, active: Int32? = nil, succeeded: Int32? = nil,
        failed: Int32? = nil, terminating: Int32? = nil, completedIndexes: String? = nil,
        failedIndexes: String? = nil, uncountedTerminatedPods: UncountedTerminatedPods? = nil,
        ready: Int32? = nil
    ) {
        self.conditions = conditions
        self.startTime = startTime
        self.completionTime = completionTime
        self.active = active
        self.succeeded = succeeded
        self.failed = failed
        self.terminating = terminating
        self.completedIndexes = completedIndexes
        self.failedIndexes = failedIndexes
        self.uncountedTerminatedPods = uncountedTerminatedPods
        self.ready = ready
    }
}

/// One aspect of a Job's state.
public struct JobCondition: Codable, Hashable, Sendable, StatusCondition {
    /// Complete, Failed, Suspended, FailureTarget or SuccessCriteriaMet.
    public var type: String?
    /// "True", "False" or "Unknown".
    public var status: String?
    /// When the condition was last checked.
    public var lastProbeTime: Timestamp?
    /// When the status last changed.
    public var lastTransitionTime: Timestamp?
    /// Why the condition last changed, in one CamelCase word (`BackoffLimitExceeded`).
    public var reason: String?
    /// Why the condition last changed, for people.
    public var message: String?

    public init(
        type: String? = nil, status: String? = nil, lastProbeTime: Timestamp? = nil,
        lastTransitionTime: Timestamp? = nil, reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// The uids of finished pods the Job has not counted yet.
public struct UncountedTerminatedPods: Codable, Hashable, Sendable {
    public var succeeded: [String]?
    public var failed: [String]?

    public init(succeeded: [String]? = nil, failed: [String]? = nil) {
        self.succeeded = succeeded
        self.failed = failed
    }
}

/// How a Job's completions are counted.
public enum CompletionMode {
    /// Any `completions` pods succeeding completes the Job.
    public static let nonIndexed = "NonIndexed"
    /// Each index from 0 to completions-1 must succeed once.
    public static let indexed = "Indexed"
    public static let all = [nonIndexed, indexed]
}

/// When a Job makes a replacement pod.
public enum PodReplacementPolicy {
    /// As soon as the old pod is terminating or failed.
    public static let terminatingOrFailed = "TerminatingOrFailed"
    /// Only once the old pod has failed.
    public static let failed = "Failed"
    /// In the order upstream lists them in messages.
    public static let all = [failed, terminatingOrFailed]
}

/// The condition types of a Job.
public enum JobConditionType {
    public static let complete = "Complete"
    public static let failed = "Failed"
    public static let suspended = "Suspended"
    public static let failureTarget = "FailureTarget"
    public static let successCriteriaMet = "SuccessCriteriaMet"
}

/// What a pod failure policy rule does.
public enum PodFailurePolicyAction {
    public static let count = "Count"
    public static let failIndex = "FailIndex"
    public static let failJob = "FailJob"
    public static let ignore = "Ignore"
    /// In the order upstream lists them in messages.
    public static let all = [count, failIndex, failJob, ignore]
}

extension JobCondition {
    public var conditionType: String { type ?? "" }
    public var conditionStatus: String { status ?? "" }
}
