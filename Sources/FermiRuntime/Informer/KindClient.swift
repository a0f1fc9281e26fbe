import FermiAPI
import FermiAPIServer

/// Reading and writing objects of one kind without naming the kind's type: from the informer
/// or the server, update, delete. What controllers that handle every kind (the garbage
/// collector, usage roll-ups) work through.
public struct KindClient: Sendable {
    public let resource: APIResource
    /// The object as the informer last saw it.
    public let cached: @Sendable (ObjectKey) -> (any APIObject)?
    /// The object as stored now; nil when there is none.
    public let live: @Sendable (ObjectKey) async throws -> (any APIObject)?
    /// Updates an object of this kind (spec and metadata; status is kept).
    public let update: @Sendable (any APIObject) async throws -> Void
    /// Deletes an object of this kind; one already gone is fine.
    public let delete: @Sendable (ObjectKey) async throws -> Void

    public init<T: APIObject>(_ type: T.Type, server: APIServer, informer: Informer<T>) {
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

/// A `KindClient` for every kind the manager's server serves, found by resource or by the
/// `apiVersion` and `kind` an owner reference names.
public struct KindClients: Sendable {
    public let all: [KindClient]
    private let byResource: [APIResource: KindClient]
    private let byTypeName: [String: KindClient]

    /// Clients for every served kind that can own objects, each reading through the manager's
    /// informers (so each of those kinds is watched). Events are left out: nothing is owned by
    /// an Event, and they are half of what a busy cluster writes.
    public init(manager: ControllerManager) {
        all = Self.ownerKinds(of: manager.server.registry).map { Self.client($0, manager: manager) }
        byResource = Dictionary(all.map { ($0.resource, $0) }, uniquingKeysWith: { first, _ in first })
        byTypeName = Dictionary(
            all.map { ("\($0.resource.apiVersion)/\($0.resource.kind)", $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func client(for resource: APIResource) -> KindClient? {
        byResource[resource]
    }

    /// The client of the kind an owner reference (or any reference) names.
    public func client(apiVersion: String, kind: String) -> KindClient? {
        byTypeName["\(apiVersion)/\(kind)"]
    }

    /// The kinds whose objects own others or are owned: every served kind but `Event`.
    public static func ownerKinds(of registry: KindRegistry) -> [any APIObject.Type] {
        registry.kinds.filter { !($0.resource.group.isEmpty && $0.resource.kind == "Event") }
    }

    private static func client<T: APIObject>(_ type: T.Type, manager: ControllerManager) -> KindClient {
        KindClient(T.self, server: manager.server, informer: manager.informers.informer(T.self))
    }
}
