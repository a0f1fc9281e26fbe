import FermiAPI
import FermiAPIServer
import FermiRuntime
import Synchronization

/// Rolls the usage recorded on pods (`sim.fermi.dev/gpu-hours`, `core-hours`, `cost`) up to
/// the workload that owns them and to their namespace, as the same annotations on those
/// objects. Totals cover the pods that exist: a pod deleted takes its usage with it.
public final class UsageRollup: Reconciler {
    public typealias Key = ResourceKey
    public static let name = "usage"

    private let kinds: KindClients
    private let ledger = Mutex(UsageLedger())

    private init(kinds: KindClients) {
        self.kinds = kinds
    }

    public static func controller(in manager: ControllerManager) -> Controller {
        let queue = manager.makeQueue(of: ResourceKey.self)
        let rollup = UsageRollup(kinds: KindClients(manager: manager))
        manager.informers.informer(Pod.self).onChange { event in
            let key = ObjectKey(event.object)
            let deleted = if case .deleted = event { true } else { false }
            let changed = rollup.ledger.withLock { $0.record(key, deleted ? nil : event.object) }
            for owner in changed.owners {
                guard let client = rollup.kinds.client(apiVersion: owner.apiVersion, kind: owner.kind) else { continue }
                let namespace = client.resource.namespaced ? owner.namespace : ""
                queue.add(ResourceKey(resource: client.resource, key: ObjectKey(namespace: namespace, name: owner.name)))
            }
            for namespace in changed.namespaces {
                queue.add(ResourceKey(resource: Namespace.resource, key: ObjectKey(name: namespace)))
            }
        }
        return Controller(name: name, queue: queue, reconciler: rollup)
    }

    public func reconcile(_ key: ResourceKey) async throws -> ReconcileResult {
        guard let client = kinds.client(for: key.resource), let object = client.cached(key.key) else { return .done }
        let total = ledger.withLock { ledger -> PodUsage in
            if key.resource == Namespace.resource { return ledger.byNamespace[key.key.name] ?? PodUsage() }
            let identity = UsageLedger.OwnerIdentity(
                apiVersion: key.resource.apiVersion, kind: key.resource.kind,
                namespace: key.key.namespace, name: key.key.name)
            return ledger.byOwner[identity] ?? PodUsage()
        }
        var next = object
        next.metadata.annotations = (object.metadata.annotations ?? [:]).merging(total.annotations) { _, new in new }
        guard next.metadata.annotations != object.metadata.annotations else { return .done }
        try await client.update(next)
        return .done
    }
}
