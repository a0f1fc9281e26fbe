import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation
import Synchronization

/// The scheduler: binds pending pods to nodes. Every change to pods, nodes, zones, PodGroups,
/// queues or priority classes asks for a new cycle (one key, so a burst of changes makes one
/// cycle); each cycle decides over the whole snapshot, binds, and writes each PodGroup's phase
/// and why it is pending.
public final class Scheduler: Reconciler {
    public static let name = "scheduler"
    /// The one key: a cycle looks at everything.
    static let cycleKey = ObjectKey(name: "cycle")

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let pods: Informer<Pod>
    let nodes: Informer<Node>
    let zones: Informer<Zone>
    let groups: Informer<PodGroup>
    let queues: Informer<Queue>
    let priorityClasses: Informer<PriorityClass>
    /// Bindings and evictions made that the pod cache may not show yet.
    let assumed = Mutex(AssumedPods())

    init(manager: ControllerManager) {
        let informers = manager.informers
        server = manager.server
        clock = manager.clock
        recorder = EventRecorder(server: manager.server, clock: manager.clock, component: "volcano")
        pods = informers.informer(Pod.self)
        nodes = informers.informer(Node.self)
        zones = informers.informer(Zone.self)
        groups = informers.informer(PodGroup.self)
        queues = informers.informer(Queue.self)
        priorityClasses = informers.informer(PriorityClass.self)
    }

    public static func controller(in manager: ControllerManager) -> Controller {
        let scheduler = Scheduler(manager: manager)
        let queue = manager.makeQueue()
        let wake: @Sendable () -> Void = { queue.add(cycleKey) }
        scheduler.pods.onChange { _ in wake() }
        scheduler.nodes.onChange { _ in wake() }
        scheduler.zones.onChange { _ in wake() }
        scheduler.groups.onChange { _ in wake() }
        scheduler.queues.onChange { _ in wake() }
        scheduler.priorityClasses.onChange { _ in wake() }
        return Controller(name: name, queue: queue, reconciler: scheduler)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the snapshot, with what earlier cycles did that the cache may not show yet.
        let cached = pods.objects()
        let pods = assumed.withLock { $0.applied(to: cached) }
        let jobs = schedulingJobs(pods)
        let cycle = SchedulingCycle(
            nodes: schedulingNodes(pods), jobs: jobs,
            queues: Dictionary(queues.objects().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
        // 2: Decide.
        let decisions = cycle.run()
        // 3: Evict, then bind.
        for eviction in decisions.evictions { try await evict(eviction) }
        for (pod, node) in decisions.bindings {
            do {
                _ = try await server.bind(pod, to: node)
                assumed.withLock { $0.assumeBound(pod, to: node) }
                await recorder.record(
                    pod, reason: "Scheduled", message: "Successfully assigned \(pod.namespace)/\(pod.name) to \(node)")
            } catch APIError.conflict, APIError.notFound {
                // The pod changed or went since the snapshot: the next cycle sees it as it is.
            }
        }
        // 4: Report each job: gangs' status, and why what waits is waiting.
        let bound = Set(decisions.bindings.map { ObjectKey($0.pod) })
        for job in jobs {
            let reason = decisions.pending[job.key]
            if let group = job.group {
                try await writeStatus(of: group, job: job, reason: reason,
                    admitted: decisions.admitted.contains(job.key), newlyBound: job.pending.filter { bound.contains(ObjectKey($0)) }.count)
            } else if let reason, let pod = job.pending.first {
                await recorder.record(pod, type: EventType.warning, reason: "FailedScheduling", message: reason.message)
            }
        }
        return .done
    }

    /// Deletes an evicted job's pods, saying why on each and on its PodGroup.
    private func evict(_ eviction: SchedulingCycle.Eviction) async throws {
        for pod in eviction.pods {
            do {
                try await server.delete(Pod.self, namespace: pod.namespace, name: pod.name)
                assumed.withLock { $0.assumeEvicted(pod) }
            } catch APIError.notFound {
                continue
            }
            await recorder.record(pod, type: EventType.warning, reason: eviction.reason, message: eviction.message)
        }
        if let group = eviction.group {
            await recorder.record(group, type: EventType.warning, reason: eviction.reason, message: eviction.message)
        }
    }

    /// Every node with what the pods bound to it hold.
    private func schedulingNodes(_ pods: [Pod]) -> [SchedulingNode] {
        var used: [String: ResourceAmounts] = [:]
        for pod in pods {
            guard pod.holdsNodeResources, let node = pod.spec.nodeName else { continue }
            used[node, default: .zero] += PodNeeds(pod).requests
        }
        let health = Dictionary(
            zones.objects().map { ($0.name, $0.status?.health ?? $0.spec.health ?? ZoneHealth.healthy) },
            uniquingKeysWith: { first, _ in first })
        return nodes.objects().sorted { $0.name < $1.name }.map { node in
            let zone = node.metadata.labels?[WellKnownLabels.zone] ?? ""
            return SchedulingNode(node: node, zoneHealth: health[zone] ?? ZoneHealth.healthy, used: used[node.name] ?? .zero)
        }
    }

    /// Pods grouped into what is scheduled together: a PodGroup's members, or a pod alone.
    private func schedulingJobs(_ pods: [Pod]) -> [SchedulingJob] {
        let classes = Dictionary(priorityClasses.objects().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let globalDefault = classes.values.first { $0.globalDefault == true }
        var jobs: [ObjectKey: SchedulingJob] = [:]
        for group in groups.objects() {
            var job = SchedulingJob(key: ObjectKey(group), group: group)
            let priorityClass = group.spec.priorityClassName.flatMap { classes[$0] } ?? globalDefault
            job.priority = priorityClass?.value ?? 0
            job.mayPreempt = priorityClass?.preemptionPolicy != PreemptionPolicy.never
            jobs[job.key] = job
        }
        for pod in pods where pod.isScheduledByFermi && pod.metadata.deletionTimestamp == nil {
            if let groupName = pod.volcanoGroupName {
                // A Volcano pod waits for its PodGroup (made for it if it names none).
                let key = ObjectKey(namespace: pod.namespace, name: groupName)
                guard jobs[key] != nil else { continue }
                jobs[key]!.add(pod)
            } else if !pod.hasEnded {
                // A pod on its own: pending, or running and so a possible victim.
                var job = SchedulingJob(key: ObjectKey(pod))
                let priorityClass = pod.spec.priorityClassName.flatMap { classes[$0] } ?? globalDefault
                job.priority = pod.spec.priority ?? priorityClass?.value ?? 0
                job.mayPreempt = (pod.spec.preemptionPolicy ?? priorityClass?.preemptionPolicy) != PreemptionPolicy.never
                job.add(pod)
                jobs[job.key] = job
            }
        }
        return jobs.values.map { job in
            var job = job
            job.pending.sort { $0.name < $1.name }
            return job
        }
    }

    /// Writes a PodGroup's phase, counts and Unschedulable condition when they change, with a
    /// Warning event each time the reason it waits changes.
    private func writeStatus(of group: PodGroup, job: SchedulingJob, reason: PendingReason?, admitted: Bool, newlyBound: Int) async throws {
        var status = group.status ?? PodGroupStatus()
        let previousMessage = status.conditions?.first { $0.type == "Unschedulable" && $0.status == "True" }?.message
        status.running = Int32(job.running)
        status.succeeded = job.succeeded == 0 ? nil : Int32(job.succeeded)
        status.failed = job.failed == 0 ? nil : Int32(job.failed)
        status.phase = PodGroupPhases.phase(of: job, admitted: admitted || newlyBound > 0, current: status.phase)
        let now = Timestamp(clock.now.date)
        var conditions = status.conditions ?? []
        if let reason {
            conditions = PodGroupPhases.setting(
                conditions, type: "Unschedulable", status: "True", reason: reason.conditionReason, message: reason.message, now: now)
        } else if previousMessage != nil || newlyBound > 0 {
            conditions = PodGroupPhases.setting(conditions, type: "Unschedulable", status: "False", reason: "", message: "", now: now)
            if newlyBound > 0 {
                conditions = PodGroupPhases.setting(
                    conditions, type: "Scheduled", status: "True", reason: "tasks in gang are ready to be scheduled",
                    message: "", now: now)
            }
        }
        status.conditions = conditions.isEmpty ? nil : conditions
        if let reason, reason.message != previousMessage {
            await recorder.record(group, type: EventType.warning, reason: "Unschedulable", message: reason.message)
        }
        guard status != group.status else { return }
        var next = group
        next.status = status
        do {
            _ = try await server.updateStatus(next)
        } catch APIError.notFound {
            // The group went meanwhile.
        }
    }
}
