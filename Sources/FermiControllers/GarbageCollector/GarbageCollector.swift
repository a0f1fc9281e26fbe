import FermiAPI
import FermiAPIServer
import FermiRuntime
import Synchronization

/// Deletes objects whose owners are gone, as Kubernetes' garbage collector does: an object all
/// of whose owner references name objects that no longer exist is deleted (background
/// cascade, so its own dependents follow in turn); references to some missing owners are
/// removed. It also serves the two deletion finalizers: `orphan` (dependents let go) and
/// `foregroundDeletion` (dependents deleted before the owner goes). Events, which nothing owns
/// and which nobody makes owners of, are not watched.
public final class GarbageCollector: Reconciler {
    public typealias Key = ResourceKey

    /// The controller's name.
    public static let name = "garbage-collector"

    private let kinds: KindClients
    private let graph = Mutex(OwnerGraph())

    private init(kinds: KindClients) {
        self.kinds = kinds
    }

    /// The collector as a controller of `manager`, watching every kind the server serves.
    public static func controller(in manager: ControllerManager, workers: Int = 2) -> Controller {
        let queue = manager.makeQueue(of: ResourceKey.self)
        let collector = GarbageCollector(kinds: KindClients(manager: manager))
        for type in KindClients.ownerKinds(of: manager.server.registry) {
            collector.watch(type, informers: manager.informers, queue: queue)
        }
        return Controller(name: name, queue: queue, reconciler: collector, workers: workers)
    }

    private func watch<T: APIObject>(_ type: T.Type, informers: InformerSet, queue: WorkQueue<ResourceKey>) {
        informers.informer(T.self).onChange { event in self.observe(event, queue: queue) }
    }

    /// Keeps the owner graph current and queues whoever a change may concern.
    private func observe<T: APIObject>(_ event: InformerEvent<T>, queue: WorkQueue<ResourceKey>) {
        let object = event.object
        let key = ResourceKey(resource: T.resource, key: ObjectKey(object))
        let uid = object.metadata.uid ?? ""
        let concerned = graph.withLock { graph -> [ResourceKey] in
            switch event {
            case .added, .updated:
                graph.update(key, object)
                return (object.metadata.ownerReferences ?? []).isEmpty && object.metadata.deletionTimestamp == nil
                    ? [] : [key]
            case .deleted:
                graph.remove(key, uid: uid)
                // Its dependents may now be orphans; owners deleting in the foreground may now go.
                let owners = (object.metadata.ownerReferences ?? []).compactMap { graph.objectsByUID[$0.uid] }
                return Array(graph.dependents(of: uid)) + owners
            }
        }
        for key in concerned { queue.add(key) }
    }

    public func reconcile(_ key: ResourceKey) async throws -> ReconcileResult {
        guard let access = kinds.client(for: key.resource), let object = access.cached(key.key) else { return .done }
        if object.metadata.deletionTimestamp != nil {
            try await finishDeletion(of: object, access: access)
            return .done
        }
        let references = object.metadata.ownerReferences ?? []
        guard !references.isEmpty else { return .done }
        var missing: [OwnerReference] = []
        for reference in references where try await !ownerExists(reference, dependent: object) {
            missing.append(reference)
        }
        if missing.count == references.count {
            try await access.delete(key.key)
        } else if !missing.isEmpty {
            guard var current = try await access.live(key.key) else { return .done }
            let gone = Set(missing.map(\.uid))
            current.metadata.ownerReferences = current.metadata.ownerReferences?.filter { !gone.contains($0.uid) }
            try await access.update(current)
        }
        return .done
    }

    /// Whether the owner `reference` names still exists: known to the informers, or failing
    /// that, found in the store with the same uid.
    private func ownerExists(_ reference: OwnerReference, dependent: any APIObject) async throws -> Bool {
        if graph.withLock({ $0.exists(uid: reference.uid) }) { return true }
        guard let access = kinds.client(apiVersion: reference.apiVersion, kind: reference.kind) else {
            // A kind Fermi does not serve cannot be looked up: leave the dependent be.
            return true
        }
        let namespace = access.resource.namespaced ? (dependent.metadata.namespace ?? "") : ""
        let owner = try await access.live(ObjectKey(namespace: namespace, name: reference.name))
        return owner?.metadata.uid == reference.uid
    }

    /// Serves the deletion finalizers of an object being deleted.
    private func finishDeletion(of object: any APIObject, access: KindClient) async throws {
        let finalizers = object.metadata.finalizers ?? []
        let uid = object.metadata.uid ?? ""
        let dependents = graph.withLock { $0.dependents(of: uid) }
        if finalizers.contains(PropagationPolicy.orphanFinalizer) {
            for dependent in dependents {
                guard let dependentAccess = kinds.client(for: dependent.resource),
                    var current = try await dependentAccess.live(dependent.key)
                else { continue }
                current.metadata.ownerReferences = current.metadata.ownerReferences?.filter { $0.uid != uid }
                if current.metadata.ownerReferences?.isEmpty == true { current.metadata.ownerReferences = nil }
                try await dependentAccess.update(current)
            }
            try await removeFinalizer(PropagationPolicy.orphanFinalizer, from: object, access: access)
        } else if finalizers.contains(PropagationPolicy.foregroundFinalizer) {
            if dependents.isEmpty {
                try await removeFinalizer(PropagationPolicy.foregroundFinalizer, from: object, access: access)
                return
            }
            for dependent in dependents {
                guard let dependentAccess = kinds.client(for: dependent.resource),
                    let current = dependentAccess.cached(dependent.key), current.metadata.deletionTimestamp == nil
                else { continue }
                try await dependentAccess.delete(dependent.key)
            }
        }
    }

    private func removeFinalizer(_ finalizer: String, from object: any APIObject, access: KindClient) async throws {
        guard var current = try await access.live(ObjectKey(object)) else { return }
        current.metadata.finalizers = current.metadata.finalizers?.filter { $0 != finalizer }
        try await access.update(current)
    }
}
