import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Elastic PyTorchJobs, as torchrun runs them: the job runs on its master and at least its
/// fewest workers; workers that fail while enough are left leave the rendezvous and are made
/// anew, and workers that wait for room join, where the others have got to, once placed.
extension PyTorchJobController {
    /// Where a pod made now starts: the checkpoint the run resumed from, or for an elastic
    /// job that is under way, the work its replicas have done (a worker that joins takes up
    /// their state at the rendezvous).
    func startingPoint(of job: PyTorchJob, pods: [String: Pod], status: JobStatusKubeflow) -> String? {
        guard job.spec.elasticPolicy != nil else { return status.checkpoint }
        let now = Timestamp(clock.now.date)
        let furthest = pods.values.filter { $0.status?.phase == PodPhase.running }.map { CheckpointLedger.workDone(by: $0, now: now) }.max()
        guard let furthest, furthest > (status.checkpoint.flatMap(GoDuration.init)?.duration ?? .zero) else { return status.checkpoint }
        return CheckpointLedger.text(furthest)
    }

    /// An elastic job's workers that wait for room start, once placed, where the others have
    /// got to: brought up to date as the job runs and again when one is bound (its image pull
    /// gives the write time to land before it starts).
    func bringJoinersUpToDate(of job: PyTorchJob, pods: [String: Pod], status: JobStatusKubeflow) async throws {
        guard job.spec.elasticPolicy != nil, let point = startingPoint(of: job, pods: pods, status: status) else { return }
        let started = { (pod: Pod) in
            pod.status?.containerStatuses?.contains { $0.state?.running != nil || $0.state?.terminated != nil } == true
        }
        for pod in pods.values where !started(pod) && pod.metadata.annotations?[SimAnnotations.progress] != point {
            var next = pod
            next.metadata.annotations = (pod.metadata.annotations ?? [:]).merging(
                [SimAnnotations.progress: point, SimAnnotations.resumedFrom: point]) { _, new in new }
            do { _ = try await server.update(next) } catch APIError.conflict {
                // Bound or changed meanwhile: the next pass looks again.
            }
        }
    }

    /// Whether the job runs: every replica running, or for an elastic job, its master (if it
    /// has one) and at least its fewest workers.
    func isRunning(_ job: PyTorchJob, replicas: [PyTorchReplicas.Replica], pods: [String: Pod]) -> Bool {
        let runs = { (replica: PyTorchReplicas.Replica) in pods[replica.name]?.status?.phase == PodPhase.running }
        guard let fewest = job.spec.elasticPolicy?.minReplicas else { return replicas.allSatisfy(runs) }
        let masters = replicas.filter { $0.type == PyTorchReplicaType.master }
        let workers = replicas.filter { $0.type != PyTorchReplicaType.master }
        return masters.allSatisfy(runs) && workers.filter(runs).count >= Int(fewest)
    }

    /// For an elastic job whose failed replicas are all workers: the workers still running,
    /// when the master (if any) runs and they are at least the fewest the job may run with
    /// (torchrun carries on without the ones that left); nil when the whole run must restart.
    func elasticDeparture(
        of job: PyTorchJob, failed: [Pod], replicas: [PyTorchReplicas.Replica], pods: [String: Pod]
    ) -> Int? {
        guard let fewest = job.spec.elasticPolicy?.minReplicas else { return nil }
        let failedNames = Set(failed.map(\.name))
        let masters = replicas.filter { $0.type == PyTorchReplicaType.master }
        guard !masters.contains(where: { failedNames.contains($0.name) }) else { return nil }
        let runs = { (replica: PyTorchReplicas.Replica) in pods[replica.name]?.status?.phase == PodPhase.running }
        let left = replicas.filter { $0.type != PyTorchReplicaType.master && runs($0) }.count
        return masters.allSatisfy(runs) && left >= Int(fewest) ? left : nil
    }

    /// Workers that failed leave an elastic job that carries on: their pods go, and are made
    /// anew to rejoin once they can be placed.
    func leave(_ job: PyTorchJob, workers: [Pod], running: Int) async throws {
        for pod in workers {
            do { try await server.delete(Pod.self, namespace: pod.namespace, name: pod.name) } catch APIError.notFound {}
        }
        let names = workers.map(\.name).sorted().joined(separator: ", ")
        recorder.record(
            job, type: EventType.warning, reason: "PyTorchJobScaledDown",
            message: "\(names) left the rendezvous; \(running) worker(s) carry on (elastic minimum \(job.spec.elasticPolicy?.minReplicas ?? 0)), and the rest rejoin once placed")
    }
}
