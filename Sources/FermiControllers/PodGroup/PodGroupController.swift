import FermiAPI
import FermiAPIServer
import FermiRuntime

/// Volcano's PodGroup controller: a pod that names the Volcano scheduler but no PodGroup gets
/// a gang of one made for it (`podgroup-<pod uid>`, owned by the pod, in the queue its
/// `scheduling.volcano.sh/queue-name` annotation names), so the scheduler queues it like any
/// gang.
public struct PodGroupController: Reconciler {
    public static let name = "podgroup"

    let server: APIServer
    let pods: Informer<Pod>
    let groups: Informer<PodGroup>

    public static func controller(in manager: ControllerManager) -> Controller {
        let queue = manager.makeQueue()
        let controller = PodGroupController(
            server: manager.server, pods: manager.informers.informer(Pod.self),
            groups: manager.informers.informer(PodGroup.self))
        controller.pods.enqueueChanges(in: queue)
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let pod = pods.object(key), pod.spec.schedulerName == VolcanoAnnotations.schedulerName,
            pod.metadata.annotations?[VolcanoAnnotations.groupName] == nil, pod.metadata.deletionTimestamp == nil,
            !pod.hasEnded, let uid = pod.metadata.uid, let groupName = pod.volcanoGroupName,
            groups.object(namespace: pod.namespace, name: groupName) == nil
        else { return .done }
        var metadata = ObjectMeta(name: groupName, namespace: pod.namespace)
        metadata.ownerReferences = [
            OwnerReference(apiVersion: Pod.resource.apiVersion, kind: Pod.resource.kind, name: pod.name, uid: uid, controller: true)
        ]
        let spec = PodGroupSpec(
            minMember: 1, queue: pod.metadata.annotations?[VolcanoAnnotations.queueName] ?? VolcanoAnnotations.defaultQueue,
            priorityClassName: pod.spec.priorityClassName)
        do {
            _ = try await server.create(PodGroup(metadata: metadata, spec: spec))
        } catch APIError.alreadyExists {
            // Made already (the informer had not shown it yet).
        }
        return .done
    }
}
