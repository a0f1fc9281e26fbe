import FermiAPI
import FermiRuntime
import Foundation

/// The logs a simulated container writes, made from its behaviour and its status, so they are
/// the same every time they are read: a training job prints steps, loss and throughput (as
/// `name=value`, the form Katib's metrics collector reads) and its checkpoints; an inference server its start and request statistics; anything else its
/// start and exit.
public enum PodLogs {
    /// The lines of the current run (or with `previous`, the run before it) up to `now`.
    public static func lines(of pod: Pod, now: Date, previous: Bool = false) -> [String] {
        guard let status = pod.status?.containerStatuses?.first else { return [] }
        let state = previous ? status.lastState : status.state
        let (startedAt, finishedAt, exitCode): (Timestamp?, Timestamp?, Int32?) =
            if let running = state?.running {
                (running.startedAt, nil, nil)
            } else if let terminated = state?.terminated {
                (terminated.startedAt, terminated.finishedAt, terminated.exitCode)
            } else {
                (nil, nil, nil)
            }
        guard let start = startedAt?.date else { return [] }
        let end = min(finishedAt?.date ?? now, now)
        let behaviour = PodBehaviour(of: pod)
        let run = Int(status.restartCount ?? 0) - (previous ? 1 : 0)
        var lines: [String]
        switch behaviour.logStyle {
        case "training":
            // The progress a pod records includes the run before the current one.
            let recorded = pod.metadata.annotations?[PodBehaviour.prefix + "progress"].flatMap(GoDuration.init)?.duration ?? .zero
            let previousRun = Duration.seconds(Int64((finishedAt?.date ?? start).timeIntervalSince(start)))
            let doneBefore = previous ? max(.zero, recorded - previousRun) : recorded
            lines = training(pod, behaviour: behaviour, run: run, doneBefore: doneBefore, start: start, end: end)
        case "inference":
            lines = inference(pod, start: start, end: end)
        default:
            lines = ["\(stamp(start)) Started container \(status.name ?? "")"]
        }
        if let finishedAt, finishedAt.date <= now, let exitCode {
            lines.append(ending(pod, style: behaviour.logStyle, exitCode: exitCode, at: finishedAt.date))
        }
        return lines
    }

    private static func training(
        _ pod: Pod, behaviour: PodBehaviour, run: Int, doneBefore: Duration, start: Date, end: Date
    ) -> [String] {
        let gpus = NSDecimalNumber(decimal: PodResources.accelerators(of: pod)).intValue
        let total = behaviour.duration.map { $0.components.seconds } ?? 86400
        // A resumed run starts from its last checkpoint: steps count on from there.
        let resumed = behaviour.remaining(afterDoing: doneBefore).map { total - $0.components.seconds } ?? 0
        var lines = ["\(stamp(start)) Starting training: world size \(max(gpus, 1)), \(gpus) GPU(s) on this pod"]
        if resumed > 0 { lines.append("\(stamp(start)) Resuming from checkpoint at step \(resumed)") }
        let curve = TrainingCurve(parameters: Hyperparameters.of(pod.spec))
        let interval = Int64(max(60, total / 20))
        let checkpoint = behaviour.checkpointInterval?.components.seconds
        let elapsed = Int64(end.timeIntervalSince(start))
        var random = SeededRandom(seed: 0, salt: "\(pod.namespace)/\(pod.name)#\(run)")
        var offset = interval
        while offset <= elapsed {
            let step = resumed + offset
            let progress = Double(step) / Double(max(total, 1))
            let loss = curve.loss(atProgress: progress) + (random.nextUnit() - 0.5) * 0.04
            let throughput = TrainingCurve.throughput(gpus: gpus) * (0.95 + random.nextUnit() * 0.1)
            let at = start.addingTimeInterval(TimeInterval(offset))
            lines.append(
                "\(stamp(at)) step \(step) | loss=\(String(format: "%.4f", loss)) | throughput=\(String(format: "%.1f", throughput)) samples/s | lr 3.00e-04")
            if let checkpoint, checkpoint > 0, step % checkpoint < interval, step >= checkpoint {
                lines.append("\(stamp(at)) Saved checkpoint step-\(step / checkpoint * checkpoint)")
            }
            offset += interval
        }
        return lines
    }

    private static func inference(_ pod: Pod, start: Date, end: Date) -> [String] {
        var lines = [
            "\(stamp(start)) Loading model",
            "\(stamp(start.addingTimeInterval(8))) Model loaded; serving on http://0.0.0.0:8080",
        ]
        var random = SeededRandom(seed: 0, salt: "\(pod.namespace)/\(pod.name)")
        var offset: TimeInterval = 300
        while offset <= end.timeIntervalSince(start) {
            let requests = 2000 + Int(random.nextUnit() * 1000)
            let p50 = 35 + Int(random.nextUnit() * 20)
            lines.append("\(stamp(start.addingTimeInterval(offset))) served \(requests) requests in 5m | p50 \(p50)ms | p99 \(p50 * 4)ms")
            offset += 300
        }
        return lines
    }

    private static func ending(_ pod: Pod, style: String, exitCode: Int32, at date: Date) -> String {
        if exitCode == 0 {
            guard style == "training" else { return "\(stamp(date)) Exited with code 0" }
            // The final metrics, in the `name=value` form Katib's stdout collector reads.
            let loss = TrainingCurve(parameters: Hyperparameters.of(pod.spec)).loss(atProgress: 1)
            return "\(stamp(date)) Training complete | loss=\(String(format: "%.4f", loss))"
        }
        if exitCode == 137, pod.status?.reason == "NodeLost" { return "\(stamp(date)) Connection to node lost" }
        return style == "training"
            ? "\(stamp(date)) RuntimeError: NCCL communicator was aborted (exit code \(exitCode))"
            : "\(stamp(date)) Exited with code \(exitCode)"
    }

    private static func stamp(_ date: Date) -> String {
        "[\(Timestamp(date))]"
    }
}
