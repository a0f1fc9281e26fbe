import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The experiment record a PyTorchJob keeps in its status as it runs: progress, loss and
/// throughput now and over time, and the GPU-hours and cost of each run and of all of them.
extension PyTorchJobController {
    /// How far the job has got, as a share of its simulated length: the least any replica
    /// has done; for an elastic job, its master's (else its furthest worker's), as workers
    /// come and go.
    func fraction(of job: PyTorchJob, replicas: [PyTorchReplicas.Replica], pods: [String: Pod], now: Timestamp) -> Double {
        // A run's simulated length: its annotation, else the hour the kubelet gives a pod
        // that does not say.
        let length = job.metadata.annotations?[SimAnnotations.duration].flatMap(GoDuration.init)?.duration ?? SimAnnotations.defaultDuration
        guard job.spec.elasticPolicy != nil else { return CheckpointLedger.fraction(of: Array(pods.values), length: length, now: now) }
        let masters = replicas.filter { $0.type == PyTorchReplicaType.master }.compactMap { pods[$0.name] }
        if !masters.isEmpty { return CheckpointLedger.fraction(of: masters, length: length, now: now) }
        return pods.values.map { CheckpointLedger.fraction(of: [$0], length: length, now: now) }.max() ?? 0
    }

    /// The running job's record brought up to date: progress, loss, throughput, what it has
    /// used and cost so far, and a sample of them every `progressPeriod`.
    func record(
        _ status: inout JobStatusKubeflow, of job: PyTorchJob, replicas: [PyTorchReplicas.Replica], pods: [String: Pod], now: EpochInstant
    ) {
        let stamp = Timestamp(now.date)
        let fraction = fraction(of: job, replicas: replicas, pods: pods, now: stamp)
        status.progress = CheckpointLedger.percent(fraction)
        status.loss = CheckpointLedger.lossText(TrainingCurve(parameters: job.trainerParameters).loss(atProgress: fraction))
        status.throughput = TrainingRecord.throughputText(TrainingRecord.throughput(of: Array(pods.values)))
        let total = TrainingRecord.usage(of: status.runs ?? []) + TrainingRecord.usage(of: Array(pods.values), nodes: { nodes.object(name: $0) }, now: stamp)
        status.gpuHours = TrainingRecord.amountText(total.gpuHours)
        status.cost = TrainingRecord.amountText(total.cost)
        let last = status.metricsHistory?.last?.time.map { stamp.secondsSince1970 - $0.secondsSince1970 }
        if last.map({ $0 >= Self.progressPeriod.components.seconds }) ?? true {
            let sample = TrainingMetricsSample(time: stamp, progress: status.progress, loss: status.loss, throughput: status.throughput)
            status.metricsHistory = TrainingRecord.appending(sample, to: status.metricsHistory ?? [])
        }
    }

    /// Ends the current run in the record: when it started and ended, the checkpoint it
    /// resumed from, how far it got, and what its pods used; the job's totals become those of
    /// its ended runs.
    func endRun(_ status: inout JobStatusKubeflow, of job: PyTorchJob, outcome: String, pods: [Pod], now: EpochInstant) {
        let stamp = Timestamp(now.date)
        let starts = [status.runs?.last?.endTime, status.startTime].compactMap { $0 }
        var run = TrainingRun(
            run: Int32(status.runs?.count ?? 0), startTime: starts.max { $0.secondsSince1970 < $1.secondsSince1970 }, endTime: stamp,
            outcome: outcome)
        run.resumedFrom = status.checkpoint
        let replicas = PyTorchReplicas.replicas(of: job)
        let byName = Dictionary(pods.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        run.progress = CheckpointLedger.percent(outcome == "Succeeded" ? 1 : fraction(of: job, replicas: replicas, pods: byName, now: stamp))
        let usage = TrainingRecord.usage(of: pods, nodes: { nodes.object(name: $0) }, now: stamp)
        run.gpuHours = TrainingRecord.amountText(usage.gpuHours)
        run.cost = TrainingRecord.amountText(usage.cost)
        status.runs = (status.runs ?? []) + [run]
        let total = TrainingRecord.usage(of: status.runs ?? [])
        status.gpuHours = TrainingRecord.amountText(total.gpuHours)
        status.cost = TrainingRecord.amountText(total.cost)
        status.throughput = nil
    }
}
