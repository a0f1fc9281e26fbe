/// The `sim.fermi.dev/` annotations through which a workload says how it behaves in the
/// simulation (how long it runs, how often it checkpoints, how far it has got); workload
/// controllers pass them from a job to its pods.
public enum SimAnnotations {
    public static let prefix = "sim.fermi.dev/"
    /// How long one run takes (`90m`), or `forever`.
    public static let duration = prefix + "duration"
    /// How long a run takes that does not say (a pod that restarts Always runs until deleted).
    public static let defaultDuration: Duration = .seconds(3600)
    /// Work a pod's earlier runs did, carried to its next run (`18000s`).
    public static let progress = prefix + "progress"
    /// How often a run checkpoints (`1h`); a restarted run resumes from its last checkpoint.
    public static let checkpointInterval = prefix + "checkpoint-interval"

    /// The annotations of `metadata` under the prefix: what a job's pods inherit.
    public static func of(_ metadata: ObjectMeta) -> [String: String] {
        (metadata.annotations ?? [:]).filter { $0.key.hasPrefix(prefix) }
    }
}
