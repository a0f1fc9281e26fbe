import FermiAPI
import FermiRuntime
import Foundation

/// What a training job's record says as it runs: the GPU-hours and cost of its pods (each
/// pod's own work, not the checkpoint it resumed from, at its node's prices), the samples a
/// second its running replicas process, and its metrics sampled over time.
enum TrainingRecord {
    /// What `pods` have used by `now`.
    static func usage(of pods: [Pod], nodes: (String) -> Node?, now: Timestamp) -> PodUsage {
        pods.reduce(PodUsage()) { total, pod in
            let resumedFrom = pod.metadata.annotations?[SimAnnotations.resumedFrom].flatMap(GoDuration.init)?.duration ?? .zero
            let own = CheckpointLedger.workDone(by: pod, now: now) - resumedFrom
            guard own > .zero else { return total }
            return total + PodUsage.of(pod, on: pod.spec.nodeName.flatMap(nodes), runSeconds: own.components.seconds)
        }
    }

    /// Samples a second the running pods among `pods` process together.
    static func throughput(of pods: [Pod]) -> Double {
        pods.filter { $0.status?.phase == PodPhase.running }.reduce(0) { total, pod in
            let gpus = pod.spec.resourceRequests.filter { AcceleratorResources.contains($0.key) }.values.reduce(Decimal(0), +)
            return total + TrainingCurve.throughput(gpus: Int(truncating: gpus as NSDecimalNumber))
        }
    }

    /// The usage of the runs that have ended.
    static func usage(of runs: [TrainingRun]) -> PodUsage {
        runs.reduce(PodUsage()) { total, run in
            total + PodUsage(
                gpuHours: run.gpuHours.flatMap { Decimal(string: $0) } ?? 0, cost: run.cost.flatMap { Decimal(string: $0) } ?? 0)
        }
    }

    /// `history` with `sample` added; a full history first drops every other sample (the
    /// first kept), so it spans the whole run at half the detail.
    static func appending(_ sample: TrainingMetricsSample, to history: [TrainingMetricsSample]) -> [TrainingMetricsSample] {
        var kept = history
        if kept.count >= TrainingMetricsSample.limit {
            kept = kept.enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element)
        }
        return kept + [sample]
    }

    /// GPU-hours and money as the status writes them: to two places (`64.25`, `2819.87`).
    static func amountText(_ value: Decimal) -> String {
        PodUsage.text(value, places: 2)
    }

    /// Samples a second as the status writes them, whole (`12800`).
    static func throughputText(_ value: Double) -> String {
        String(Int(value.rounded()))
    }
}
