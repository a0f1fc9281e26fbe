import FermiAPI
import FermiRuntime

/// How a pod behaves in the simulation, read from its `sim.fermi.dev/` annotations, with
/// defaults that let upstream manifests run unchanged: a pod that restarts Always is a server
/// and runs until deleted; any other runs for an hour and succeeds.
///
/// - `sim.fermi.dev/duration`: how long one run takes (`90m`), or `forever`.
/// - `sim.fermi.dev/fail-after`: the run fails this long after it starts (`20m`)...
/// - `sim.fermi.dev/fail-times`: ...for this many runs (1 by default), then runs clean.
/// - `sim.fermi.dev/failure-probability`: the chance (`0.1`) that a run fails, at a point
///   drawn from the seed, the pod and the run.
/// - `sim.fermi.dev/exit-code`: the exit code of a failing run (1 by default).
/// - `sim.fermi.dev/checkpoint-interval`: how often a run checkpoints (`10m`); a restarted run
///   resumes from its last checkpoint instead of the start.
/// - `sim.fermi.dev/kind`: what the pod's logs look like: `training`, `inference` or `generic`.
/// - `sim.fermi.dev/read-speedup`: written by the kubelet when the pod reads a dataset cached
///   on its node: the share of its run length it takes (`0.6`).
public struct PodBehaviour: Sendable, Equatable {
    public static let prefix = SimAnnotations.prefix

    /// How long one run takes; nil runs until deleted.
    public var duration: Duration?
    public var failAfter: Duration?
    public var failTimes: Int
    public var failureProbability: Double
    public var exitCode: Int32
    public var checkpointInterval: Duration?
    public var logStyle: String

    /// The behaviour `pod` declares.
    public init(of pod: Pod) {
        let annotations = pod.metadata.annotations ?? [:]
        func duration(_ name: String) -> Duration? {
            annotations[Self.prefix + name].flatMap(GoDuration.init).map(\.duration)
        }
        let restartsAlways = (pod.spec.restartPolicy ?? "Always") == "Always"
        if annotations[Self.prefix + "duration"] == "forever" {
            self.duration = nil
        } else {
            // Reading from a local dataset cache shortens the run (the kubelet notes by how much).
            let speedup = annotations[FluidNames.readSpeedupAnnotation].flatMap(Double.init) ?? 1
            self.duration = (duration("duration") ?? (restartsAlways ? nil : SimAnnotations.defaultDuration)).map { $0 * speedup }
        }
        failAfter = duration("fail-after")
        failTimes = annotations[Self.prefix + "fail-times"].flatMap { Int($0) } ?? 1
        failureProbability = annotations[Self.prefix + "failure-probability"].flatMap { Double($0) } ?? 0
        exitCode = annotations[Self.prefix + "exit-code"].flatMap { Int32($0) } ?? 1
        checkpointInterval = duration("checkpoint-interval")
        logStyle = annotations[SimAnnotations.kind] ?? Self.guessLogStyle(pod)
    }

    /// How run number `run` (0 for the first) ends, having `remaining` work left to do: after
    /// how long, and with what exit code; nil when it runs until deleted.
    public func outcome(ofRun run: Int, remaining: Duration?, seed: UInt64, podName: String) -> (after: Duration, exitCode: Int32)? {
        if let failAfter, run < failTimes, remaining.map({ failAfter < $0 }) ?? true {
            return (failAfter, exitCode)
        }
        if failureProbability > 0 {
            var random = SeededRandom(seed: seed, salt: "\(podName)#\(run)")
            if random.nextUnit() < failureProbability {
                let span = remaining ?? .seconds(3600)
                return (span * max(0.01, random.nextUnit()), exitCode)
            }
        }
        guard let remaining else { return nil }
        return (remaining, 0)
    }

    /// The work a restarted run still has to do, having done `done` in earlier runs (rounded
    /// down to the last checkpoint when the pod checkpoints, else all of it again).
    public func remaining(afterDoing done: Duration) -> Duration? {
        guard let duration else { return nil }
        guard let checkpointInterval, checkpointInterval > .zero else { return duration }
        let checkpoints = (done / checkpointInterval).rounded(.down)
        return max(.zero, duration - checkpointInterval * checkpoints)
    }

    private static func guessLogStyle(_ pod: Pod) -> String {
        let names = (pod.spec.containers ?? []).compactMap(\.name)
        if names.contains("pytorch") || pod.metadata.labels?["training.kubeflow.org/job-name"] != nil {
            return "training"
        }
        if names.contains("kserve-container") { return "inference" }
        return "generic"
    }
}
