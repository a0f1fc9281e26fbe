import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Scheduled retraining, as Kubernetes' CronJob controller runs a CronJob: at each time the
/// cron schedule names (in simulated time), a run made from the template — a PyTorchJob or a
/// Job named `<schedule>-<minutes since the epoch>` — unless the concurrency policy says
/// otherwise (Forbid skips while a run is active, Replace stops it first); finished runs beyond
/// the history limits are deleted, oldest first.
public struct TrainingScheduleController: Reconciler {
    public static let name = "trainingschedule"
    /// The label that ties a run to its schedule.
    public static let scheduleLabel = "fermi.dev/training-schedule"

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let schedules: Informer<TrainingSchedule>
    let pytorchJobs: Informer<PyTorchJob>
    let jobs: Informer<Job>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let controller = TrainingScheduleController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "trainingschedule-controller"),
            schedules: informers.informer(TrainingSchedule.self), pytorchJobs: informers.informer(PyTorchJob.self),
            jobs: informers.informer(Job.self))
        controller.schedules.enqueueChanges(in: queue)
        controller.pytorchJobs.enqueueOwners(TrainingSchedule.self, in: queue)
        controller.jobs.enqueueOwners(TrainingSchedule.self, in: queue)
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    /// One run of a schedule as the controller sees it.
    struct Run {
        var name: String
        var isPyTorchJob: Bool
        var created: Int64
        /// True when it succeeded, false when it failed, nil while it runs.
        var succeeded: Bool?
        var completedAt: Timestamp?
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the schedule and its runs.
        guard let schedule = schedules.object(key), schedule.metadata.deletionTimestamp == nil,
            case .success(let cron) = CronSchedule.parse(schedule.spec.schedule ?? "")
        else { return .done }
        let now = clock.now.date
        var runs = self.runs(of: schedule)
        var status = schedule.status ?? TrainingScheduleStatus()
        // 2: Keep only as many finished runs as the limits say.
        for (outcome, limit) in [(true, schedule.spec.successfulJobsHistoryLimit ?? 3), (false, schedule.spec.failedJobsHistoryLimit ?? 1)] {
            let finished = runs.filter { $0.succeeded == outcome }.sorted { $0.created < $1.created }
            for run in finished.dropLast(Int(limit)) {
                try await delete(run, of: schedule)
                runs.removeAll { $0.name == run.name }
            }
        }
        if let last = runs.filter({ $0.succeeded == true }).compactMap(\.completedAt).max() { status.lastSuccessfulTime = last }
        // 3: The latest time due since the last run, if any.
        let since = status.lastScheduleTime?.date ?? schedule.metadata.creationTimestamp?.date ?? now
        var due: Date?
        var cursor = since
        while let next = cron.next(after: cursor), next <= now {
            due = next
            cursor = next
        }
        // 4: Run it, as the concurrency policy allows.
        var active = runs.filter { $0.succeeded == nil }
        if let due, schedule.spec.suspend != true {
            status.lastScheduleTime = Timestamp(due)
            switch schedule.spec.concurrencyPolicy ?? "Allow" {
            case "Forbid" where !active.isEmpty:
                recorder.record(
                    schedule, reason: "JobAlreadyActive", message: "Not starting a run: \(active.map(\.name).joined(separator: ", ")) still active")
            case "Replace":
                for run in active { try await delete(run, of: schedule) }
                active = []
                fallthrough
            default:
                active.append(try await start(schedule, scheduledAt: due))
            }
        }
        status.active = active.isEmpty ? nil : active.map(\.name).sorted()
        if status != schedule.status {
            var next = schedule
            next.status = status
            _ = try await server.updateStatus(next)
        }
        // 5: Wake at the next time due.
        guard let next = cron.next(after: now) else { return .done }
        return .requeue(after: .milliseconds(Int64((next.timeIntervalSince(now) * 1000).rounded(.up))))
    }

    private func runs(of schedule: TrainingSchedule) -> [Run] {
        let mine: (ObjectMeta) -> Bool = { $0.labels?[Self.scheduleLabel] == schedule.name && $0.deletionTimestamp == nil }
        let trainings = pytorchJobs.objects(in: schedule.namespace).filter { mine($0.metadata) }.map { job in
            Run(
                name: job.name, isPyTorchJob: true, created: job.metadata.creationTimestamp?.secondsSince1970 ?? 0,
                succeeded: job.completion?.succeeded, completedAt: job.status?.completionTime)
        }
        let batch = jobs.objects(in: schedule.namespace).filter { mine($0.metadata) }.map { job in
            Run(
                name: job.name, isPyTorchJob: false, created: job.metadata.creationTimestamp?.secondsSince1970 ?? 0,
                succeeded: job.completion?.succeeded, completedAt: job.status?.completionTime)
        }
        return trainings + batch
    }

    /// Makes the run due at `scheduledAt` from the template.
    private func start(_ schedule: TrainingSchedule, scheduledAt: Date) async throws -> Run {
        let name = "\(schedule.name)-\(Int64(scheduledAt.timeIntervalSince1970) / 60)"
        let owner = OwnerReference(
            apiVersion: TrainingSchedule.resource.apiVersion, kind: TrainingSchedule.resource.kind, name: schedule.name,
            uid: schedule.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
        func metadata(from template: ObjectMeta?) -> ObjectMeta {
            var metadata = template ?? ObjectMeta()
            metadata.name = name
            metadata.namespace = schedule.namespace
            metadata.labels = (metadata.labels ?? [:]).merging([Self.scheduleLabel: schedule.name]) { _, ours in ours }
            metadata.ownerReferences = [owner]
            return metadata
        }
        let isPyTorchJob = schedule.spec.pytorchJobTemplate != nil
        do {
            if let template = schedule.spec.pytorchJobTemplate {
                _ = try await server.create(PyTorchJob(metadata: metadata(from: template.metadata), spec: template.spec ?? PyTorchJobSpec()))
            } else {
                let template = schedule.spec.jobTemplate
                _ = try await server.create(Job(metadata: metadata(from: template?.metadata), spec: template?.spec ?? JobSpec()))
            }
            recorder.record(schedule, reason: "SuccessfulCreate", message: "Created run \(name)")
        } catch APIError.alreadyExists {
            // Made by an earlier pass whose status write was lost.
        }
        return Run(name: name, isPyTorchJob: isPyTorchJob, created: Int64(scheduledAt.timeIntervalSince1970), succeeded: nil)
    }

    private func delete(_ run: Run, of schedule: TrainingSchedule) async throws {
        do {
            if run.isPyTorchJob {
                try await server.delete(PyTorchJob.self, namespace: schedule.namespace, name: run.name)
            } else {
                try await server.delete(Job.self, namespace: schedule.namespace, name: run.name)
            }
            recorder.record(schedule, reason: "SuccessfulDelete", message: "Deleted run \(run.name)")
        } catch APIError.notFound {}
    }
}
