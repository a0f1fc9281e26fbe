import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Kueue's scheduler: admits queued Workloads into their ClusterQueues' quota, evicts what
/// preemption picks, says why the rest wait, and reports each ClusterQueue's and LocalQueue's
/// workloads and usage. One key: a cycle looks at every queue, since cohorts share quota.
/// A change asks for a cycle one schedule period later (as Volcano's scheduler runs one a
/// second), so workloads created together are queued together, in their order.
public final class KueueScheduler: Reconciler {
    public static let name = "kueue"
    static let cycleKey = ObjectKey(name: "cycle")
    public static let schedulePeriod: Duration = .seconds(1)

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let workloads: Informer<Workload>
    let clusterQueues: Informer<ClusterQueue>
    let localQueues: Informer<LocalQueue>
    let flavors: Informer<ResourceFlavor>

    init(manager: ControllerManager) {
        let informers = manager.informers
        server = manager.server
        clock = manager.clock
        recorder = manager.eventRecorder(component: "kueue-admission")
        workloads = informers.informer(Workload.self)
        clusterQueues = informers.informer(ClusterQueue.self)
        localQueues = informers.informer(LocalQueue.self)
        flavors = informers.informer(ResourceFlavor.self)
    }

    public static func controller(in manager: ControllerManager) -> Controller {
        let scheduler = KueueScheduler(manager: manager)
        let queue = manager.makeQueue()
        let wake: @Sendable () -> Void = { queue.add(cycleKey, after: schedulePeriod) }
        scheduler.workloads.onChange { _ in wake() }
        scheduler.clusterQueues.onChange { _ in wake() }
        scheduler.localQueues.onChange { _ in wake() }
        scheduler.flavors.onChange { _ in wake() }
        return Controller(name: name, queue: queue, reconciler: scheduler)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load.
        let all = workloads.objects()
        let cycle = KueueAdmissionCycle(
            clusterQueues: clusterQueues.objects(), localQueues: localQueues.objects(), flavors: flavors.objects(),
            workloads: all)
        // 2: Decide.
        let decisions = cycle.run()
        let now = Timestamp(clock.now.date)
        // 3: Evict, admit, and say why the rest wait.
        for workload in all {
            let key = ObjectKey(workload)
            if let message = decisions.evictions[key] {
                try await write(evicted(workload, message: message, now: now))
                recorder.record(workload, type: EventType.warning, reason: "Preempted", message: message)
            }
        }
        for workload in all {
            let key = ObjectKey(workload)
            if let (clusterQueue, assignment) = decisions.admissions[key] {
                try await write(admitted(workload, in: clusterQueue, assignment: assignment, now: now))
                recorder.record(workload, reason: "QuotaReserved", message: "Quota reserved in ClusterQueue \(clusterQueue)")
                recorder.record(workload, reason: "Admitted", message: "Admitted by ClusterQueue \(clusterQueue)")
            } else if let (reason, message) = decisions.pending[key] {
                let previous = workload.status?.conditions?.first { $0.type == KueueNames.quotaReserved }?.message
                guard previous != message else { continue }
                var next = workload
                var status = workload.status ?? WorkloadStatus()
                status.conditions = Conditions.setting(
                    status.conditions ?? [],
                    Condition(type: KueueNames.quotaReserved, status: ConditionStatus.false, reason: reason, message: message),
                    now: now)
                next.status = status
                try await write(next)
                recorder.record(workload, type: EventType.warning, reason: reason, message: message)
            }
        }
        // 4: Report the queues.
        try await writeQueueStatus(cycle: cycle, decisions: decisions, now: now)
        return .done
    }

    private func evicted(_ workload: Workload, message: String, now: Timestamp) -> Workload {
        var next = workload
        var status = workload.status ?? WorkloadStatus()
        var conditions = status.conditions ?? []
        conditions = Conditions.setting(
            conditions,
            Condition(type: KueueNames.evicted, status: ConditionStatus.true, reason: "Preempted", message: message), now: now)
        conditions = Conditions.setting(
            conditions,
            Condition(type: KueueNames.quotaReserved, status: ConditionStatus.false, reason: "Preempted", message: message),
            now: now)
        conditions = Conditions.setting(
            conditions,
            Condition(type: KueueNames.admitted, status: ConditionStatus.false, reason: "NoReservation", message: "The workload has no reservation"),
            now: now)
        status.conditions = conditions
        status.admission = nil
        next.status = status
        return next
    }

    private func admitted(_ workload: Workload, in clusterQueue: String, assignment: FlavorAssignment.Assignment, now: Timestamp)
        -> Workload
    {
        var next = workload
        var status = workload.status ?? WorkloadStatus()
        status.admission = Admission(
            clusterQueue: clusterQueue,
            podSetAssignments: assignment.podSets.map { podSet in
                PodSetAssignment(
                    name: podSet.name, flavors: podSet.flavors,
                    resourceUsage: podSet.usage.restricted(to: podSet.flavors.keys).resourceList, count: podSet.count)
            })
        var conditions = status.conditions ?? []
        conditions = Conditions.setting(
            conditions,
            Condition(
                type: KueueNames.quotaReserved, status: ConditionStatus.true, reason: "QuotaReserved",
                message: "Quota reserved in ClusterQueue \(clusterQueue)"),
            now: now)
        conditions = Conditions.setting(
            conditions,
            Condition(type: KueueNames.admitted, status: ConditionStatus.true, reason: "Admitted", message: "The workload is admitted"),
            now: now)
        if conditions.contains(where: { $0.type == KueueNames.evicted }) {
            conditions = Conditions.setting(
                conditions,
                Condition(type: KueueNames.evicted, status: ConditionStatus.false, reason: "QuotaReserved", message: "Admitted again"),
                now: now)
        }
        status.conditions = conditions
        next.status = status
        return next
    }

    private func write(_ workload: Workload) async throws {
        do {
            _ = try await server.updateStatus(workload)
        } catch APIError.notFound, APIError.conflict {
            // Gone or changed since the snapshot: the change wakes the next cycle.
        }
    }

    /// Every ClusterQueue's and LocalQueue's counts and usage once the decisions hold.
    private func writeQueueStatus(cycle: KueueAdmissionCycle, decisions: KueueAdmissionCycle.Decisions, now: Timestamp)
        async throws
    {
        var entries: [KueueQueueStatus.Entry] = []
        for workload in cycle.workloads where !workload.hasCondition(KueueNames.finished) {
            let key = ObjectKey(workload)
            let local = ObjectKey(namespace: workload.namespace, name: workload.spec.queueName ?? "")
            var entry = KueueQueueStatus.Entry(
                localQueue: local, clusterQueue: cycle.localQueues[local]?.spec.clusterQueue, usage: nil)
            if let (clusterQueue, assignment) = decisions.admissions[key] {
                entry.clusterQueue = clusterQueue
                entry.usage = assignment.usage
            } else if workload.holdsQuota, decisions.evictions[key] == nil {
                entry.clusterQueue = workload.status?.admission?.clusterQueue
                entry.usage = workload.admittedUsage
            } else if workload.spec.active == false {
                continue
            }
            entries.append(entry)
        }
        for queue in cycle.clusterQueues.values {
            let status = KueueQueueStatus.clusterQueue(queue, entries: entries, book: decisions.book, now: now)
            guard status != queue.status else { continue }
            var next = queue
            next.status = status
            do { _ = try await server.updateStatus(next) } catch APIError.notFound, APIError.conflict {}
        }
        for queue in cycle.localQueues.values {
            let status = KueueQueueStatus.localQueue(
                queue, clusterQueue: cycle.clusterQueues[queue.spec.clusterQueue ?? ""], entries: entries, now: now)
            guard status != queue.status else { continue }
            var next = queue
            next.status = status
            do { _ = try await server.updateStatus(next) } catch APIError.notFound, APIError.conflict {}
        }
    }
}
