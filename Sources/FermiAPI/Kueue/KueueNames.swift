/// Kueue's well-known names: the label a job names its LocalQueue with, and the condition
/// types of a Workload.
public enum KueueNames {
    /// The LocalQueue a job is queued in; a job carrying it is created suspended.
    public static let queueNameLabel = "kueue.x-k8s.io/queue-name"
    /// The quota is set aside for the workload in a ClusterQueue.
    public static let quotaReserved = "QuotaReserved"
    /// The workload may start: its quota is reserved and its admission checks passed.
    public static let admitted = "Admitted"
    /// The workload was sent back to its queue (preempted, or its queue stopped).
    public static let evicted = "Evicted"
    /// The workload's job has finished; it holds no quota.
    public static let finished = "Finished"
}

extension ObjectMeta {
    /// The LocalQueue the object is queued in, when it names one.
    public var kueueQueueName: String? {
        guard let name = labels?[KueueNames.queueNameLabel], !name.isEmpty else { return nil }
        return name
    }
}
