import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The PyTorchJob controller, as Kubeflow's training operator: a pod and a headless service
/// per replica; a PodGroup when the job is gang-scheduled (it names Volcano or has a
/// schedulingPolicy); failed replicas restarted by their restartPolicy (OnFailure and Always
/// in place or anew, ExitCode anew on a retryable code, Never not at all) until backoffLimit;
/// activeDeadlineSeconds, suspend, cleanPodPolicy and ttlSecondsAfterFinished; a restart
/// resumes every replica from the checkpoint they share (CheckpointLedger); and the
/// conditions Created, Running, Restarting, Succeeded, Failed and Suspended with the operator's
/// reasons, replica statuses, start and completion times. A job that succeeds registers a
/// version of its model (ModelRegistration).
public struct PyTorchJobController: Reconciler {
    public static let name = "pytorchjob"

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let jobs: Informer<PyTorchJob>
    let pods: Informer<Pod>
    let services: Informer<Service>
    let groups: Informer<PodGroup>
    let nodes: Informer<Node>
    let registry: ModelRegistration

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let pods = informers.informer(Pod.self)
        pods.indexByController()
        let controller = PyTorchJobController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "pytorchjob-controller"),
            jobs: informers.informer(PyTorchJob.self), pods: pods, services: informers.informer(Service.self),
            groups: informers.informer(PodGroup.self), nodes: informers.informer(Node.self),
            registry: ModelRegistration(server: manager.server, models: informers.informer(Model.self)))
        controller.jobs.enqueueChanges(in: queue)
        pods.enqueueOwners(PyTorchJob.self, in: queue)
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the job and its pods.
        guard var job = jobs.object(key), job.metadata.deletionTimestamp == nil, let uid = job.metadata.uid else { return .done }
        let now = clock.now
        var status = job.status ?? JobStatusKubeflow()
        // Pods of an earlier run (before the last restart) are on their way out: not counted.
        let epoch = String(status.restarts ?? 0)
        let (current, stale) = pods.pods(controlledBy: uid).partitioned {
            $0.metadata.annotations?[PyTorchReplicas.runAnnotation] ?? "0" == epoch
        }
        for pod in stale where pod.metadata.deletionTimestamp == nil {
            do { try await server.delete(Pod.self, namespace: pod.namespace, name: pod.name) } catch APIError.notFound {}
        }
        let owned = Dictionary(current.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let replicas = PyTorchReplicas.replicas(of: job)
        // 2: A finished job only cleans up and waits for its time to live.
        if let finished = finishedAt(status) { return try await wrapUp(job, finishedAt: finished, pods: Array(owned.values), now: now) }
        if Conditions.find("Created", in: status.conditions) == nil {
            set(&status, "Created", reason: "PyTorchJobCreated", message: "PyTorchJob \(job.name) is created.", now: now)
            recorder.record(job, reason: "PyTorchJobCreated", message: "PyTorchJob \(job.name) is created.")
        }
        // 3: Suspended, it has no pods; resumed, it starts its clock again.
        if job.spec.runPolicy?.suspend == true {
            return try await hold(job, status: status, pods: Array(owned.values), replicas: replicas, now: now)
        }
        if Conditions.isTrue("Suspended", in: status.conditions) {
            set(&status, "Suspended", to: ConditionStatus.false, reason: "PyTorchJobResumed", message: "PyTorchJob \(job.name) is resumed.", now: now)
        }
        let startTime = status.startTime ?? Timestamp(now.date)
        status.startTime = startTime
        // 4: Replicas that failed are made anew, or the job fails. The decision comes before
        // anything is deleted, so a pass that loses a write race decides the same again.
        var toRestart: [Pod] = []
        var failedType: String?
        for replica in replicas {
            guard let pod = owned[replica.name], pod.status?.phase == PodPhase.failed else { continue }
            if restarts(replica, of: job, exitCode: exitCode(of: pod)) { toRestart.append(pod) } else { failedType = replica.type }
        }
        let inPlace = owned.values.reduce(0) { total, pod in
            total + Int((pod.status?.containerStatuses ?? []).reduce(Int32(0)) { $0 + ($1.restartCount ?? 0) })
        }
        let restartsSoFar = Int(status.restarts ?? 0)
        if let reason = failure(
            of: job, failedType: failedType, restarts: inPlace + restartsSoFar + (toRestart.isEmpty ? 0 : 1), startedAt: startTime,
            now: now)
        {
            set(&status, "Running", to: ConditionStatus.false, reason: "PyTorchJobFailed", message: reason, now: now)
            set(&status, "Failed", reason: "PyTorchJobFailed", message: reason, now: now)
            status.completionTime = Timestamp(now.date)
            endRun(&status, of: job, outcome: "Failed", pods: Array(owned.values), now: now)
            status.replicaStatuses = replicaStatuses(replicas: replicas, pods: owned)
            try await write(status, of: job)
            recorder.record(job, type: EventType.warning, reason: "PyTorchJobFailed", message: reason)
            return .requeue(after: .seconds(1))
        }
        if !toRestart.isEmpty, let left = elasticDeparture(of: job, failed: toRestart, replicas: replicas, pods: owned) {
            try await leave(job, workers: toRestart, running: left)
            toRestart = []
        }
        let restarted = !toRestart.isEmpty
        if restarted {
            toRestart = Array(owned.values).sorted { $0.name < $1.name }
            job = try await restartRun(job, status: &status, pods: toRestart, replicas: replicas, now: now)
        }
        // 5: Succeeded when the master (or, without one, every worker) has.
        if isSucceeded(job, replicas: replicas, pods: owned) {
            set(&status, "Running", to: ConditionStatus.false, reason: "PyTorchJobSucceeded", message: "PyTorchJob \(job.name) is successfully completed.", now: now)
            set(&status, "Succeeded", reason: "PyTorchJobSucceeded", message: "PyTorchJob \(job.name) is successfully completed.", now: now)
            status.completionTime = Timestamp(now.date)
            endRun(&status, of: job, outcome: "Succeeded", pods: Array(owned.values), now: now)
            status.progress = CheckpointLedger.percent(1)
            status.loss = CheckpointLedger.lossText(TrainingCurve(parameters: job.trainerParameters).loss(atProgress: 1))
            status.replicaStatuses = replicaStatuses(replicas: replicas, pods: owned)
            try await write(status, of: job)
            recorder.record(job, reason: "PyTorchJobSucceeded", message: "PyTorchJob \(job.name) is successfully completed.")
            return .requeue(after: .seconds(1))
        }
        // 6: Make what is missing: the gang's PodGroup, each replica's service and pod.
        try await makeMissing(of: job, replicas: replicas, owned: owned, replacing: toRestart, status: status)
        // 7: Running once every replica runs (an elastic job: its master and its fewest workers).
        let running = isRunning(job, replicas: replicas, pods: owned)
        if running, !restarted, !Conditions.isTrue("Running", in: status.conditions) {
            if Conditions.isTrue("Restarting", in: status.conditions) {
                set(&status, "Restarting", to: ConditionStatus.false, reason: "PyTorchJobRunning", message: "PyTorchJob \(job.name) is running.", now: now)
            }
            set(&status, "Running", reason: "PyTorchJobRunning", message: "PyTorchJob \(job.name) is running.", now: now)
        }
        status.replicaStatuses = replicaStatuses(replicas: replicas, pods: owned)
        if running {
            record(&status, of: job, replicas: replicas, pods: owned, now: now)
            try await bringJoinersUpToDate(of: job, pods: owned, status: status)
        }
        try await write(status, of: job)
        // Look again when the deadline comes, and now and then while running to move progress.
        var wake: Duration? = running ? Self.progressPeriod : nil
        if let deadline = job.spec.runPolicy?.activeDeadlineSeconds {
            let left = Duration.seconds(max(1, deadline - (Timestamp(now.date).secondsSince1970 - startTime.secondsSince1970)))
            wake = min(wake ?? left, left)
        }
        return wake.map { .requeue(after: $0) } ?? .done
    }

    /// After the job finished: its pods cleaned up by cleanPodPolicy, a success's model
    /// version registered (once: it is looked up first), and the job deleted once its time to
    /// live has passed.
    private func wrapUp(_ job: PyTorchJob, finishedAt: Timestamp?, pods: [Pod], now: EpochInstant) async throws -> ReconcileResult {
        let status = job.status ?? JobStatusKubeflow()
        try await cleanUp(job, pods: pods, policy: job.spec.runPolicy?.cleanPodPolicy ?? "None")
        if Conditions.isTrue("Succeeded", in: status.conditions), !registry.isRegistered(job) {
            let version = try await registry.register(job, status: status, now: Timestamp(now.date))
            recorder.record(
                job, reason: "ModelRegistered",
                message: "Registered model \(ModelRegistration.modelName(of: job)) version \(version.version ?? 0) (\(version.storageUri ?? ""))")
        }
        return try await expire(job, finishedAt: finishedAt)
    }

    /// A suspended job: no pods, Suspended, and its clock stopped.
    private func hold(
        _ job: PyTorchJob, status: JobStatusKubeflow, pods: [Pod], replicas: [PyTorchReplicas.Replica], now: EpochInstant
    ) async throws -> ReconcileResult {
        var status = status
        try await cleanUp(job, pods: pods, policy: "All")
        if !Conditions.isTrue("Suspended", in: status.conditions) {
            if status.startTime != nil { endRun(&status, of: job, outcome: "Suspended", pods: pods, now: now) }
            set(&status, "Running", to: ConditionStatus.false, reason: "PyTorchJobSuspended", message: "PyTorchJob \(job.name) is suspended.", now: now)
            set(&status, "Suspended", reason: "PyTorchJobSuspended", message: "PyTorchJob \(job.name) is suspended.", now: now)
            status.startTime = nil
        }
        status.replicaStatuses = replicaStatuses(replicas: replicas, pods: [:])
        try await write(status, of: job)
        return .done
    }

    /// Restarts the whole run from the checkpoint its replicas share: the checkpoint, the work
    /// lost and the restart count written first (so a lost write race counts nothing twice),
    /// then every pod of the run deleted. Returns the job as written.
    private func restartRun(
        _ job: PyTorchJob, status: inout JobStatusKubeflow, pods: [Pod], replicas: [PyTorchReplicas.Replica], now: EpochInstant
    ) async throws -> PyTorchJob {
        endRun(&status, of: job, outcome: "Restarted", pods: pods, now: now)
        let interval = job.metadata.annotations?[SimAnnotations.checkpointInterval].flatMap(GoDuration.init)?.duration
        let restart = CheckpointLedger.restart(of: pods, interval: interval, now: Timestamp(now.date))
        status.checkpoint = CheckpointLedger.text(restart.checkpoint)
        let lostBefore = status.lostWork.flatMap(GoDuration.init)?.duration ?? .zero
        status.lostWork = CheckpointLedger.text(lostBefore + restart.lost)
        status.restarts = (status.restarts ?? 0) + 1
        set(&status, "Running", to: ConditionStatus.false, reason: "PyTorchJobRestarting", message: "PyTorchJob \(job.name) is restarting.", now: now)
        set(&status, "Restarting", reason: "PyTorchJobRestarting", message: "PyTorchJob \(job.name) is restarting because a replica failed.", now: now)
        status.replicaStatuses = replicaStatuses(replicas: replicas, pods: Dictionary(pods.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
        let written = try await write(status, of: job)
        for pod in pods {
            do { try await server.delete(Pod.self, namespace: pod.namespace, name: pod.name) } catch APIError.notFound {}
        }
        recorder.record(
            written, type: EventType.warning, reason: "PyTorchJobRestarting",
            message: "PyTorchJob \(job.name) is restarting because a replica failed.")
        return written
    }

    /// Makes what is missing: the gang's PodGroup, each replica's service, and each replica's
    /// pod (including those of a run just restarted), resuming from the job's checkpoint.
    private func makeMissing(
        of job: PyTorchJob, replicas: [PyTorchReplicas.Replica], owned: [String: Pod], replacing: [Pod], status: JobStatusKubeflow
    ) async throws {
        let group = try await ensureGroup(of: job, replicas: replicas)
        for replica in replicas {
            if services.object(namespace: job.namespace, name: replica.name) == nil {
                do { _ = try await server.create(PyTorchReplicas.service(of: job, replica: replica)) } catch APIError.alreadyExists {}
            }
            guard owned[replica.name] == nil || replacing.contains(where: { $0.name == replica.name }) else { continue }
            do {
                _ = try await server.create(
                    PyTorchReplicas.pod(
                        of: job, replica: replica, group: group, checkpoint: startingPoint(of: job, pods: owned, status: status),
                        run: Int(status.restarts ?? 0)))
                recorder.record(job, reason: "SuccessfulCreatePod", message: "Created pod: \(replica.name)")
            } catch APIError.alreadyExists {
                // A deleted pod has not gone yet: the next pass makes it.
            }
        }
    }

    /// How often a running job's progress is brought up to date.
    static let progressPeriod: Duration = .seconds(600)

    /// Whether a failed replica is made anew: OnFailure and Always always (a lost node fails a
    /// pod that would restart in place), ExitCode on a retryable code (128 and up: killed by
    /// a signal), Never never.
    private func restarts(_ replica: PyTorchReplicas.Replica, of job: PyTorchJob, exitCode: Int32?) -> Bool {
        switch job.spec.pytorchReplicaSpecs?[replica.type]?.restartPolicy ?? "OnFailure" {
        case "OnFailure", "Always": return true
        case "ExitCode": return (exitCode ?? 1) >= 128
        default: return false
        }
    }

    private func exitCode(of pod: Pod) -> Int32? {
        pod.status?.containerStatuses?.compactMap { $0.state?.terminated?.exitCode }.first { $0 != 0 }
    }

    /// Why the job fails now; nil while it may go on.
    private func failure(of job: PyTorchJob, failedType: String?, restarts: Int, startedAt: Timestamp, now: EpochInstant) -> String? {
        if let failedType { return "PyTorchJob \(job.name) is failed because 1 \(failedType) replica(s) failed." }
        if let limit = job.spec.runPolicy?.backoffLimit, restarts > Int(limit) {
            return "PyTorchJob \(job.name) has failed because it has reached the specified backoff limit"
        }
        if let deadline = job.spec.runPolicy?.activeDeadlineSeconds,
            Timestamp(now.date).secondsSince1970 - startedAt.secondsSince1970 >= deadline
        {
            return "PyTorchJob \(job.name) has failed because it was active longer than specified deadline"
        }
        return nil
    }

    /// Succeeded as the training operator decides it: when the master has; without one, when
    /// every worker has, or for an elastic job any worker (those that never joined do not
    /// hold it back).
    private func isSucceeded(_ job: PyTorchJob, replicas: [PyTorchReplicas.Replica], pods: [String: Pod]) -> Bool {
        let succeeded = { (replica: PyTorchReplicas.Replica) in pods[replica.name]?.status?.phase == PodPhase.succeeded }
        let masters = replicas.filter { $0.type == PyTorchReplicaType.master }
        if !masters.isEmpty { return masters.allSatisfy(succeeded) }
        if job.spec.elasticPolicy != nil { return replicas.contains(where: succeeded) }
        return !replicas.isEmpty && replicas.allSatisfy(succeeded)
    }

    /// The job's PodGroup when it is gang-scheduled: all replicas (or schedulingPolicy's
    /// minAvailable) placed together, in its queue, at its priority; nil otherwise.
    private func ensureGroup(of job: PyTorchJob, replicas: [PyTorchReplicas.Replica]) async throws -> String? {
        let policy = job.spec.runPolicy?.schedulingPolicy
        let namesVolcano = (job.spec.pytorchReplicaSpecs ?? [:]).values.contains {
            $0.template?.spec?.schedulerName == VolcanoAnnotations.schedulerName
        }
        guard policy != nil || namesVolcano else { return nil }
        guard groups.object(namespace: job.namespace, name: job.name) == nil else { return job.name }
        var minResources = policy?.minResources
        if minResources == nil {
            var total = [String: Decimal]()
            for replica in replicas {
                let spec = job.spec.pytorchReplicaSpecs?[replica.type]?.template?.spec ?? PodSpec()
                for (name, amount) in spec.resourceRequests { total[name, default: 0] += amount }
            }
            minResources = total.mapValues { Quantity(stringLiteral: "\($0)") }
        }
        var metadata = ObjectMeta(name: job.name, namespace: job.namespace)
        metadata.ownerReferences = [PyTorchReplicas.owner(job)]
        // Where the job asks to be placed, its gang is placed.
        metadata.annotations = (job.metadata.annotations ?? [:]).filter { $0.key.hasPrefix("placement.fermi.dev/") }
        if metadata.annotations?.isEmpty == true { metadata.annotations = nil }
        // An elastic job may start with its fewest workers.
        let masters = Int32(replicas.filter { $0.type == PyTorchReplicaType.master }.count)
        let fewest = job.spec.elasticPolicy?.minReplicas.map { masters + $0 } ?? Int32(replicas.count)
        let spec = PodGroupSpec(
            minMember: policy?.minAvailable ?? fewest, queue: policy?.queue ?? VolcanoAnnotations.defaultQueue,
            priorityClassName: policy?.priorityClass ?? replicas.lazy.compactMap { job.spec.pytorchReplicaSpecs?[$0.type]?.template?.spec?.priorityClassName }.first,
            minResources: minResources)
        do { _ = try await server.create(PodGroup(metadata: metadata, spec: spec)) } catch APIError.alreadyExists {}
        return job.name
    }

    private func replicaStatuses(replicas: [PyTorchReplicas.Replica], pods: [String: Pod]) -> [String: ReplicaStatus] {
        var statuses: [String: ReplicaStatus] = [:]
        for replica in replicas {
            var status = statuses[replica.type] ?? ReplicaStatus(active: 0, succeeded: 0, failed: 0)
            switch pods[replica.name]?.status?.phase {
            case PodPhase.succeeded?: status.succeeded = (status.succeeded ?? 0) + 1
            case PodPhase.failed?: status.failed = (status.failed ?? 0) + 1
            case nil: break
            default: status.active = (status.active ?? 0) + 1
            }
            statuses[replica.type] = status
        }
        return statuses
    }

    private func finishedAt(_ status: JobStatusKubeflow) -> Timestamp? {
        for type in ["Succeeded", "Failed"] {
            if let condition = Conditions.find(type, in: status.conditions), condition.conditionStatus == ConditionStatus.true {
                return condition.lastTransitionTime ?? status.completionTime
            }
        }
        return nil
    }

    /// Deletes the pods `policy` says go when the job stops: All, Running (those still
    /// active), or None.
    private func cleanUp(_ job: PyTorchJob, pods: [Pod], policy: String) async throws {
        for pod in pods {
            let goes = policy == "All" || (policy == "Running" && !pod.hasEnded)
            guard goes else { continue }
            do { try await server.delete(Pod.self, namespace: pod.namespace, name: pod.name) } catch APIError.notFound {}
        }
    }

    private func expire(_ job: PyTorchJob, finishedAt: Timestamp?) async throws -> ReconcileResult {
        guard let ttl = job.spec.runPolicy?.ttlSecondsAfterFinished, let finishedAt else { return .done }
        let left = Int64(ttl) - (Timestamp(clock.now.date).secondsSince1970 - finishedAt.secondsSince1970)
        if left > 0 { return .requeue(after: .seconds(left)) }
        do { try await server.delete(PyTorchJob.self, namespace: job.namespace, name: job.name) } catch APIError.notFound {}
        return .done
    }

    /// Sets a condition as the training operator does: the condition set last goes last (so
    /// the last one is the job's state), its transition time kept while its status holds.
    private func set(
        _ status: inout JobStatusKubeflow, _ type: String, to value: String = ConditionStatus.true, reason: String, message: String,
        now: EpochInstant
    ) {
        let existing = Conditions.find(type, in: status.conditions)
        guard existing?.conditionStatus != value || existing?.reason != reason || existing?.message != message else { return }
        var condition = JobConditionKubeflow(type: type, status: value, reason: reason, message: message)
        condition.lastUpdateTime = Timestamp(now.date)
        condition.lastTransitionTime = existing?.conditionStatus == value ? existing?.lastTransitionTime : Timestamp(now.date)
        status.conditions = (status.conditions ?? []).filter { $0.type != type } + [condition]
    }

    /// Writes the job's status when it changed; returns the job as it now stands.
    @discardableResult
    private func write(_ status: JobStatusKubeflow, of job: PyTorchJob) async throws -> PyTorchJob {
        guard status != job.status else { return job }
        var next = job
        next.status = status
        return try await server.updateStatus(next)
    }
}

extension Array {
    /// The elements that satisfy `belongs`, and the rest, each in order.
    func partitioned(by belongs: (Element) -> Bool) -> (matching: [Element], rest: [Element]) {
        var matching: [Element] = []
        var rest: [Element] = []
        for element in self { if belongs(element) { matching.append(element) } else { rest.append(element) } }
        return (matching, rest)
    }
}
