import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Kueue's job integration for one kind of job: a job that names a LocalQueue gets a Workload
/// describing its pods; it stays suspended until the Workload is admitted, then starts with
/// its pods steered to the admitted flavors' nodes; evicted, it is suspended again with its
/// templates restored; finished, its Workload is marked Finished and frees its quota.
public final class KueueJobController<Job: QueuedJob>: Reconciler {
    public static var name: String { "kueue-\(Job.workloadPrefix)" }

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let jobs: Informer<Job>
    let workloads: Informer<Workload>
    let flavors: Informer<ResourceFlavor>
    let priorityClasses: Informer<PriorityClass>

    init(manager: ControllerManager) {
        let informers = manager.informers
        server = manager.server
        clock = manager.clock
        recorder = manager.eventRecorder(component: "kueue-job-controller")
        jobs = informers.informer(Job.self)
        workloads = informers.informer(Workload.self)
        flavors = informers.informer(ResourceFlavor.self)
        priorityClasses = informers.informer(PriorityClass.self)
    }

    public static func controller(in manager: ControllerManager) -> Controller {
        let controller = KueueJobController(manager: manager)
        let queue = manager.makeQueue()
        controller.jobs.onChange { event in
            if event.object.metadata.kueueQueueName != nil { queue.add(ObjectKey(event.object)) }
        }
        controller.workloads.enqueueOwners(Job.self, in: queue)
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    /// The name of a job's Workload: the kind's prefix, the job's name and a piece of its uid.
    static func workloadName(of job: Job) -> String {
        let stem = "\(Job.workloadPrefix)-\(job.name)"
        return "\(stem.prefix(247))-\((job.metadata.uid ?? "").prefix(5))"
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the job and its Workload.
        guard var job = jobs.object(key), let queueName = job.metadata.kueueQueueName, job.metadata.deletionTimestamp == nil
        else { return .done }
        guard let workload = workloads.object(namespace: job.namespace, name: Self.workloadName(of: job)) else {
            if job.completion == nil { try await createWorkload(for: job, queueName: queueName) }
            return .done
        }
        // 2: A finished job frees its quota.
        if workload.hasCondition(KueueNames.finished) { return .done }
        if let completion = job.completion {
            try await markFinished(workload, completion: completion)
            return .done
        }
        // 3: Run the job while its Workload is admitted, and only then.
        let admission = workload.hasCondition(KueueNames.admitted) ? workload.status?.admission : nil
        if let admission, job.isSuspended {
            start(&job, on: admission)
            _ = try await server.update(job)
            recorder.record(job, reason: "Started", message: "Admitted by clusterQueue \(admission.clusterQueue ?? "")")
        } else if admission == nil, !job.isSuspended {
            stop(&job, restoring: workload)
            _ = try await server.update(job)
            let why = workload.status?.conditions?.first { $0.type == KueueNames.evicted && $0.status == ConditionStatus.true }?.message
            recorder.record(job, reason: "Stopped", message: why ?? "Not admitted by cluster queue")
        }
        return .done
    }

    private func createWorkload(for job: Job, queueName: String) async throws {
        let classes = priorityClasses.objects()
        let priorityClass = job.priorityClassName.flatMap { name in classes.first { $0.name == name } }
            ?? classes.first { $0.globalDefault == true }
        var spec = WorkloadSpec(
            podSets: job.podSets, queueName: queueName, priorityClassName: priorityClass?.name,
            priority: priorityClass?.value ?? 0)
        spec.priorityClassSource = priorityClass == nil ? nil : "scheduling.k8s.io/priorityclass"
        var metadata = ObjectMeta(name: Self.workloadName(of: job), namespace: job.namespace)
        metadata.labels = [KueueNames.queueNameLabel: queueName]
        metadata.ownerReferences = [
            OwnerReference(
                apiVersion: Job.resource.apiVersion, kind: Job.resource.kind, name: job.name, uid: job.metadata.uid ?? "",
                controller: true, blockOwnerDeletion: true)
        ]
        do {
            let created = try await server.create(Workload(metadata: metadata, spec: spec))
            recorder.record(job, reason: "CreatedWorkload", message: "Created Workload: \(created.namespace)/\(created.name)")
        } catch APIError.alreadyExists {
            // Made by an earlier pass whose change has not reached the cache yet.
        }
    }

    private func markFinished(_ workload: Workload, completion: (succeeded: Bool, message: String)) async throws {
        var next = workload
        var status = workload.status ?? WorkloadStatus()
        status.conditions = Conditions.setting(
            status.conditions ?? [],
            Condition(
                type: KueueNames.finished, status: ConditionStatus.true, reason: completion.succeeded ? "Succeeded" : "Failed",
                message: completion.message),
            now: Timestamp(clock.now.date))
        next.status = status
        _ = try await server.updateStatus(next)
    }

    /// Unsuspends `job` with each pod set steered to its flavors' nodes: their labels added to
    /// the node selector, their tolerations to the pods'.
    private func start(_ job: inout Job, on admission: Admission) {
        for assignment in admission.podSetAssignments ?? [] {
            let assigned = Set((assignment.flavors ?? [:]).values).sorted().compactMap { flavors.object(name: $0) }
            job.updateTemplate(ofPodSet: assignment.name ?? "main") { template in
                var spec = template.spec ?? PodSpec()
                for flavor in assigned {
                    if let labels = flavor.spec.nodeLabels, !labels.isEmpty {
                        spec.nodeSelector = (spec.nodeSelector ?? [:]).merging(labels) { _, flavor in flavor }
                    }
                    for toleration in flavor.spec.tolerations ?? [] where !(spec.tolerations ?? []).contains(toleration) {
                        spec.tolerations = (spec.tolerations ?? []) + [toleration]
                    }
                }
                template.spec = spec
            }
        }
        job.isSuspended = false
    }

    /// Suspends `job` with its templates' node selectors and tolerations as they were before
    /// it started, which its Workload's pod sets remember.
    private func stop(_ job: inout Job, restoring workload: Workload) {
        for podSet in workload.spec.podSets ?? [] {
            job.updateTemplate(ofPodSet: podSet.name ?? "main") { template in
                template.spec?.nodeSelector = podSet.template?.spec?.nodeSelector
                template.spec?.tolerations = podSet.template?.spec?.tolerations
            }
        }
        job.isSuspended = true
    }
}
