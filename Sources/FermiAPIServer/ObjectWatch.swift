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
    ) async throws -> some AsyncSequence<ObjectEvent<T>, any Error> & Sendable {
        let prefix = StorageKey.prefix(of: T.resource, namespace: namespace)
        let stream: WatchStream
        do {
            stream = try await store.watch(prefix: prefix, after: Int64(resourceVersion) ?? 0)
        } catch {
            throw APIError.from(error, resource: T.resource, name: "")
        }
        return stream.map { @Sendable event -> ObjectEvent<T> in
            switch event.kind {
            case .created:
                return ObjectEvent(kind: .added, object: try ObjectCodec.decode(T.self, from: event.current!))
            case .updated:
                return ObjectEvent(kind: .modified, object: try ObjectCodec.decode(T.self, from: event.current!))
            case .deleted:
                var last = try ObjectCodec.decode(T.self, from: event.previous!)
                last.metadata.resourceVersion = String(event.revision)
                return ObjectEvent(kind: .deleted, object: last)
            }
        }
    }
}
