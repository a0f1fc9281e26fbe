import FermiAPI
import FermiAPIServer
import FermiRuntime

/// What the garbage collector does with objects of one kind, whatever the kind: read them from
/// the informer or the server, update them, delete them.
struct KindAccess: Sendable {
    let resource: APIResource
    let cached: @Sendable (ObjectKey) -> (any APIObject)?
    /// The object as stored now; nil when there is none.
    let live: @Sendable (ObjectKey) async throws -> (any APIObject)?
    let update: @Sendable (any APIObject) async throws -> Void
    let delete: @Sendable (ObjectKey) async throws -> Void

    init<T: APIObject>(_ type: T.Type, server: APIServer, informer: Informer<T>) {
        resource = T.resource
        cached = { informer.object($0) }
        live = { key in
            do {
                return try await server.get(T.self, namespace: key.namespace, name: key.name)
            } catch APIError.notFound {
                return nil
            }
        }
        update = { object in
            guard let object = object as? T else { return }
            _ = try await server.update(object)
        }
        delete = { key in
            do {
                try await server.delete(T.self, namespace: key.namespace, name: key.name)
            } catch APIError.notFound {
                // Already gone: what we wanted.
            }
        }
    }
}
