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
    /// The checkpoint a pod of a restarted job started from (`18000s`): work in its progress
    /// that it did not do itself, so not its usage.
    public static let resumedFrom = prefix + "resumed-from"
    /// What a pod's logs look like: `training`, `inference` or `generic` (else guessed from
    /// its containers).
    public static let kind = prefix + "kind"
    /// How often a run checkpoints (`1h`); a restarted run resumes from its last checkpoint.
    public static let checkpointInterval = prefix + "checkpoint-interval"

    /// The metrics a pod's container reported, the latest value of each, as the kubelet's
    /// collector read them from its output when it ended (`loss=0.4095,throughput=3810.2`).
    public static let metrics = prefix + "metrics"

    /// Metrics as the `metrics` annotation writes them: `name=value` pairs by name.
    public static func metricsText(_ metrics: [String: String]) -> String {
        metrics.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The metrics recorded in `annotations` (none where absent).
    public static func metrics(in annotations: [String: String]?) -> [String: String] {
        var found: [String: String] = [:]
        for pair in (annotations?[metrics] ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { found[String(parts[0])] = String(parts[1]) }
        }
        return found
    }

    /// Prices a node's pool charges, as decimal text per hour.
    public static let pricePerGPUHour = prefix + "price-per-gpu-hour"
    public static let pricePerCoreHour = prefix + "price-per-core-hour"
    public static let currency = prefix + "currency"

    /// The annotations of `metadata` under the prefix: what a job's pods inherit.
    public static func of(_ metadata: ObjectMeta) -> [String: String] {
        (metadata.annotations ?? [:]).filter { $0.key.hasPrefix(prefix) }
    }
}
