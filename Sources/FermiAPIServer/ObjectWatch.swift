import FermiAPI
import FermiStore

/// One change to an object of kind `T`, as a Kubernetes watch reports it.
public struct ObjectEvent<T: APIObject>: Sendable {
    /// What happened, with Kubernetes' names.
    public enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }

    public var kind: Kind
    /// The object after the change; for a delete, as it was last stored.
    public var object: T
}

extension APIServer {
    /// Every change to objects of kind `T` (in `namespace`, or all) after `resourceVersion`,
    /// in order; fails with `APIError.gone` when that version has been compacted.
    public func watch<T: APIObject>(
        _ type: T.Type, namespace: String? = nil, after resourceVersion: String
    ) async throws -> AsyncThrowingStream<ObjectEvent<T>, any Error> {
        let events = try await storeEvents(of: T.resource, namespace: namespace, after: resourceVersion)
        return AsyncThrowingStream(unfolding: {
            guard let event = try await events.next() else { return nil }
            switch event.kind {
            case .created:
                return ObjectEvent(kind: .added, object: try self.object(T.self, from: event.current!))
            case .updated:
                return ObjectEvent(kind: .modified, object: try self.object(T.self, from: event.current!))
            case .deleted:
                var last = try self.object(T.self, from: event.previous!)
                last.metadata.resourceVersion = String(event.revision)
                return ObjectEvent(kind: .deleted, object: last)
            }
        })
    }

    /// The store's changes under one kind's prefix after `resourceVersion`, read one at a
    /// time; store errors, when it opens and as it runs, said in the API's words.
    func storeEvents(of resource: APIResource, namespace: String?, after resourceVersion: String) async throws
        -> WatchEvents
    {
        let stream: WatchStream
        do {
            stream = try await store.watch(
                prefix: StorageKey.prefix(of: resource, namespace: namespace), after: Int64(resourceVersion) ?? 0)
        } catch {
            throw APIError.from(error, resource: resource, name: "")
        }
        return WatchEvents(stream.makeAsyncIterator(), resource: resource)
    }
}
