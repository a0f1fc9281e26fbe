import FermiAPI
import FermiRuntime
import Foundation

/// How far a training job's replicas have got, and what a restart keeps: each replica's work
/// done is what its earlier runs did (the kubelet's `sim.fermi.dev/progress`) plus its current
/// or last run; the job's checkpoint is the least any replica has done, rounded down to the
/// checkpoint interval (replicas checkpoint together); the rest is work a restart loses.
enum CheckpointLedger {
    static let progressAnnotation = SimAnnotations.progress
    static let intervalAnnotation = SimAnnotations.checkpointInterval

    /// Work `pod` has done by `now`.
    static func workDone(by pod: Pod, now: Timestamp) -> Duration {
        let earlier = pod.metadata.annotations?[progressAnnotation].flatMap(GoDuration.init)?.duration ?? .zero
        let state = pod.status?.containerStatuses?.first?.state
        if let started = state?.running?.startedAt {
            return earlier + .seconds(max(0, now.secondsSince1970 - started.secondsSince1970))
        }
        if let terminated = state?.terminated, let started = terminated.startedAt, let finished = terminated.finishedAt {
            return earlier + .seconds(max(0, finished.secondsSince1970 - started.secondsSince1970))
        }
        return earlier
    }

    /// Where a restart of `pods` resumes, every `interval` being a checkpoint (none: from the
    /// start), and the work it throws away.
    static func restart(of pods: [Pod], interval: Duration?, now: Timestamp) -> (checkpoint: Duration, lost: Duration) {
        let done = pods.map { workDone(by: $0, now: now) }
        guard let least = done.min(), let most = done.max() else { return (.zero, .zero) }
        var checkpoint = Duration.zero
        if let interval, interval > .zero { checkpoint = interval * (least / interval).rounded(.down) }
        return (checkpoint, most - checkpoint)
    }

    /// How far a run of simulated `length` has got: the least any replica has done, as a
    /// share (0 to 1).
    static func fraction(of pods: [Pod], length: Duration, now: Timestamp) -> Double {
        guard let least = pods.map({ workDone(by: $0, now: now) }).min(), length > .zero else { return 0 }
        return min(1, least / length)
    }

    /// A share as the status writes it: a whole percentage (`55%`).
    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded(.down)))%"
    }

    /// A loss as the status and records write it (`0.4123`).
    static func lossText(_ loss: Double) -> String {
        String(format: "%.4f", loss)
    }

    /// A duration as the annotations and status write it: whole seconds, `18000s`.
    static func text(_ duration: Duration) -> String {
        "\(duration.components.seconds)s"
    }
}
