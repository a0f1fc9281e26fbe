import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The batch/v1 Job controller, as upstream's: keeps `parallelism` pods running until
/// `completions` have succeeded (each index once, for an Indexed job); a failed pod is
/// replaced after a back-off (10 s doubling to 6 min) until more than `backoffLimit` have
/// failed; a job active longer than `activeDeadlineSeconds` fails; a suspended job has no
/// pods; a finished job goes `ttlSecondsAfterFinished` later. Conditions Complete, Failed and
/// Suspended say where it stands, with upstream's reasons.
public struct JobController: Reconciler {
    public static let name = "job"
    /// The first wait before replacing a failed pod, and the longest.
    static let initialBackoff: Duration = .seconds(10)
    static let maximumBackoff: Duration = .seconds(360)

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let jobs: Informer<Job>
    let pods: Informer<Pod>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let pods = informers.informer(Pod.self)
        pods.indexByController()
        let controller = JobController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "job-controller"),
            jobs: informers.informer(Job.self), pods: pods)
        controller.jobs.enqueueChanges(in: queue)
        pods.enqueueOwners(Job.self, in: queue)
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the job and its pods.
        guard let job = jobs.object(key), job.metadata.deletionTimestamp == nil, let uid = job.metadata.uid else { return .done }
        let owned = pods.pods(controlledBy: uid)
        let counted = JobPods(owned)
        let now = clock.now
        var status = job.status ?? JobStatus()
        // 2: A finished job only waits for its time to live.
        if let finished = finishedAt(job) { return try await expire(job, finishedAt: finished, active: counted.active) }
        status.succeeded = Int32(max(Int(status.succeeded ?? 0), counted.succeeded))
        status.failed = Int32(max(Int(status.failed ?? 0), counted.failed))
        status.completedIndexes = JobPods.intervals(counted.completedIndexes)
        // 3: Suspended, it has no pods; resumed, it starts its clock again.
        if job.spec.suspend == true {
            try await delete(counted.active, of: job)
            if !Conditions.isTrue(JobConditionType.suspended, in: status.conditions) {
                set(&status, JobConditionType.suspended, reason: "JobSuspended", message: "Job suspended", now: now)
                recorder.record(job, reason: "Suspended", message: "Job suspended")
            }
            status.active = 0
            status.ready = 0
            try await write(status, of: job)
            return .done
        }
        if Conditions.isTrue(JobConditionType.suspended, in: status.conditions) {
            set(&status, JobConditionType.suspended, to: ConditionStatus.false, reason: "JobResumed", message: "Job resumed", now: now)
            status.startTime = nil
            recorder.record(job, reason: "Resumed", message: "Job resumed")
        }
        let startTime = status.startTime ?? Timestamp(now.date)
        status.startTime = startTime
        // 4: Too many failures, or too long active: the job fails and its pods go.
        if let failure = failure(of: job, failed: Int(status.failed ?? 0), startedAt: startTime, now: now) {
            try await delete(counted.active, of: job)
            set(&status, JobConditionType.failed, reason: failure.reason, message: failure.message, now: now)
            status.active = 0
            status.ready = 0
            try await write(status, of: job)
            recorder.record(job, type: EventType.warning, reason: failure.reason, message: failure.message)
            return try await expire(job, finishedAt: Timestamp(now.date), active: [])
        }
        // 5: Enough succeeded: the job is complete.
        if isComplete(job, counted: counted, succeeded: Int(status.succeeded ?? 0)) {
            try await delete(counted.active, of: job)
            set(&status, JobConditionType.complete, reason: "", message: "", now: now)
            status.completionTime = Timestamp(now.date)
            status.active = 0
            status.ready = 0
            try await write(status, of: job)
            recorder.record(job, reason: "Completed", message: "Job completed")
            return try await expire(job, finishedAt: Timestamp(now.date), active: [])
        }
        // 6: Keep `parallelism` pods running, after a back-off once pods have failed.
        var active = counted.active
        let wanted = wantedActive(job, succeeded: Int(status.succeeded ?? 0))
        var wake: Duration?
        if active.count > wanted {
            let extra = active.sorted { ($0.metadata.creationTimestamp?.secondsSince1970 ?? 0) > ($1.metadata.creationTimestamp?.secondsSince1970 ?? 0) }
            try await delete(Array(extra.prefix(active.count - wanted)), of: job)
            active = Array(extra.dropFirst(active.count - wanted))
        } else if active.count < wanted {
            let backoff = backoffRemaining(failed: Int(status.failed ?? 0), lastFailure: counted.lastFailure, now: now)
            if let backoff, backoff > .zero {
                wake = backoff
            } else {
                active += try await create(wanted - active.count, of: job, counted: counted)
            }
        }
        status.active = Int32(active.count)
        status.ready = Int32(counted.ready)
        try await write(status, of: job)
        // 7: Look again at the deadline, or when the back-off ends.
        if let deadline = job.spec.activeDeadlineSeconds {
            let left = Duration.seconds(deadline) - Duration.seconds(Timestamp(now.date).secondsSince1970 - startTime.secondsSince1970)
            wake = min(wake ?? left, left)
        }
        return wake.map { .requeue(after: max($0, .seconds(1))) } ?? .done
    }

    /// When the job finished (Complete or Failed), if it has.
    private func finishedAt(_ job: Job) -> Timestamp? {
        for type in [JobConditionType.complete, JobConditionType.failed] {
            if let condition = Conditions.find(type, in: job.status?.conditions), condition.conditionStatus == ConditionStatus.true {
                return condition.lastTransitionTime ?? job.status?.completionTime ?? Timestamp(clock.now.date)
            }
        }
        return nil
    }

    /// After it finished: no pods left running, and the job deleted (its pods with it) once
    /// `ttlSecondsAfterFinished` has passed.
    private func expire(_ job: Job, finishedAt: Timestamp, active: [Pod]) async throws -> ReconcileResult {
        try await delete(active, of: job)
        guard let ttl = job.spec.ttlSecondsAfterFinished else { return .done }
        let left = Int64(ttl) - (Timestamp(clock.now.date).secondsSince1970 - finishedAt.secondsSince1970)
        if left > 0 { return .requeue(after: .seconds(left)) }
        do {
            try await server.delete(Job.self, namespace: job.namespace, name: job.name, propagationPolicy: .background)
        } catch APIError.notFound {}
        return .done
    }

    /// Why the job fails now, with upstream's reason and message; nil while it may go on.
    private func failure(of job: Job, failed: Int, startedAt: Timestamp, now: EpochInstant) -> (reason: String, message: String)? {
        if failed > Int(job.spec.backoffLimit ?? Job.defaultBackoffLimit) {
            return ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
        }
        if let deadline = job.spec.activeDeadlineSeconds,
            Timestamp(now.date).secondsSince1970 - startedAt.secondsSince1970 >= deadline
        {
            return ("DeadlineExceeded", "Job was active longer than specified deadline")
        }
        return nil
    }

    private func isComplete(_ job: Job, counted: JobPods, succeeded: Int) -> Bool {
        guard let completions = job.spec.completions.map(Int.init) else {
            // A work queue: done once a pod succeeded and none still runs.
            return succeeded > 0 && counted.active.isEmpty
        }
        if job.spec.completionMode == CompletionMode.indexed { return counted.completedIndexes.count >= completions }
        return succeeded >= completions
    }

    /// How many pods should run now: `parallelism`, but no more than completions still due.
    private func wantedActive(_ job: Job, succeeded: Int) -> Int {
        let parallelism = Int(job.spec.parallelism ?? 1)
        guard let completions = job.spec.completions.map(Int.init) else { return succeeded > 0 ? 0 : parallelism }
        return max(0, min(parallelism, completions - succeeded))
    }

    /// How long before a failed pod may be replaced: 10 s doubling with each failure, at most
    /// 6 min, from the last failure.
    private func backoffRemaining(failed: Int, lastFailure: Timestamp?, now: EpochInstant) -> Duration? {
        guard failed > 0, let lastFailure else { return nil }
        var backoff = Self.initialBackoff
        for _ in 1..<failed where backoff < Self.maximumBackoff { backoff *= 2 }
        backoff = min(backoff, Self.maximumBackoff)
        return backoff - .seconds(Timestamp(now.date).secondsSince1970 - lastFailure.secondsSince1970)
    }

    private func create(_ count: Int, of job: Job, counted: JobPods) async throws -> [Pod] {
        var indexes: [Int?] = Array(repeating: nil, count: count)
        if job.spec.completionMode == CompletionMode.indexed, let completions = job.spec.completions {
            indexes = counted.missingIndexes(completions: Int(completions)).prefix(count).map { $0 }
        }
        var created: [Pod] = []
        for index in indexes {
            let pod = try await server.create(JobPods.newPod(of: job, index: index))
            recorder.record(job, reason: "SuccessfulCreate", message: "Created pod: \(pod.name)")
            created.append(pod)
        }
        return created
    }

    private func delete(_ pods: [Pod], of job: Job) async throws {
        for pod in pods {
            do {
                try await server.delete(Pod.self, namespace: pod.namespace, name: pod.name)
                recorder.record(job, reason: "SuccessfulDelete", message: "Deleted pod: \(pod.name)")
            } catch APIError.notFound {}
        }
    }

    private func set(
        _ status: inout JobStatus, _ type: String, to value: String = ConditionStatus.true, reason: String, message: String,
        now: EpochInstant
    ) {
        let condition = JobCondition(
            type: type, status: value, lastProbeTime: Timestamp(now.date), reason: reason.isEmpty ? nil : reason,
            message: message.isEmpty ? nil : message)
        status.conditions = Conditions.setting(status.conditions ?? [], condition, now: Timestamp(now.date))
    }

    private func write(_ status: JobStatus, of job: Job) async throws {
        guard status != job.status else { return }
        var next = job
        next.status = status
        _ = try await server.updateStatus(next)
    }
}
