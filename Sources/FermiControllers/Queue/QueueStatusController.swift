import FermiAPI
import FermiAPIServer
import FermiRuntime

/// Volcano's queue controller: each queue's status counts its PodGroups by phase and sums the
/// resources its bound, unfinished pods hold; a queue with no state is Open.
public struct QueueStatusController: Reconciler {
    public static let name = "queue"

    let server: APIServer
    let queues: Informer<Queue>
    let groups: Informer<PodGroup>
    let pods: Informer<Pod>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let groups = informers.informer(PodGroup.self)
        groups.addIndex(queueIndex) { [$0.spec.queue ?? VolcanoAnnotations.defaultQueue] }
        let pods = informers.informer(Pod.self)
        pods.addIndex(groupIndex) { pod in pod.volcanoGroupName.map { ["\(pod.namespace)/\($0)"] } ?? [] }
        let controller = QueueStatusController(
            server: manager.server, queues: informers.informer(Queue.self), groups: groups, pods: pods)
        controller.queues.enqueueChanges(in: queue)
        groups.onChange { event in
            if case .updated(let old, _) = event { queue.add(ObjectKey(name: old.spec.queue ?? VolcanoAnnotations.defaultQueue)) }
            queue.add(ObjectKey(name: event.object.spec.queue ?? VolcanoAnnotations.defaultQueue))
        }
        controller.pods.onChange { event in
            let pod = event.object
            guard let groupName = pod.volcanoGroupName,
                let group = groups.object(namespace: pod.namespace, name: groupName)
            else { return }
            queue.add(ObjectKey(name: group.spec.queue ?? VolcanoAnnotations.defaultQueue))
        }
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    static let queueIndex = "queue"
    static let groupIndex = "volcano-group"

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let queue = queues.object(key) else { return .done }
        let members = groups.objects(index: Self.queueIndex, value: queue.name)
        var status = queue.status ?? QueueStatus()
        if status.state == nil { status.state = QueueState.open }
        let phases = Dictionary(grouping: members) { $0.status?.phase ?? "Pending" }.mapValues { Int32($0.count) }
        status.pending = phases["Pending"] ?? 0
        status.inqueue = phases["Inqueue"] ?? 0
        status.running = phases["Running"] ?? 0
        status.completed = phases["Completed"] ?? 0
        status.unknown = phases["Unknown"] ?? 0
        var allocated = ResourceAmounts.zero
        for group in members {
            for pod in pods.objects(index: Self.groupIndex, value: "\(group.namespace)/\(group.name)")
            where pod.holdsNodeResources {
                allocated += PodNeeds(pod).requests
            }
        }
        status.allocated = allocated.restricted(to: allocated.names.filter { $0 != "pods" }).resourceList
        guard status != queue.status else { return .done }
        var next = queue
        next.status = status
        _ = try await server.updateStatus(next)
        return .done
    }
}
