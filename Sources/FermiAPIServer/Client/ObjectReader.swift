import FermiAPI
import Foundation

/// Reads objects and follows their changes, as controller-runtime's `client.Reader` and
/// `WithWatch` do: the in-process `APIServer` and `RemoteAPI` (over HTTP) both read this way,
/// so a command reads the same whichever one it was given.
public protocol ObjectReader: Sendable {
    /// The kinds the reader knows.
    var registry: KindRegistry { get }

    /// The time objects' ages are read against (simulated time, in a simulation).
    func currentTime() -> Date

    /// The object `name` of kind `T` in `namespace` (ignored for cluster-scoped kinds).
    func get<T: APIObject>(_ type: T.Type, namespace: String, name: String) async throws -> T

    /// The objects of kind `T` in `namespace` (nil: all namespaces) that match the selectors,
    /// read at one revision, and that revision.
    func list<T: APIObject>(
        _ type: T.Type, namespace: String?, labels: LabelSelectorQuery, fields: FieldSelectorQuery
    ) async throws -> ObjectList<T>

    /// One object of any kind as JSON, with its resourceVersion.
    func object(of resource: APIResource, namespace: String, name: String) async throws -> JSONValue

    /// The objects of any kind at one revision, filtered by the selectors, each made into
    /// what the caller keeps of it as soon as it is read: a table of 100,000 pods need keep
    /// only its rows, not 100,000 parsed objects.
    func objects<Item: Sendable>(
        of resource: APIResource, namespace: String?, labels: LabelSelectorQuery, fields: FieldSelectorQuery,
        each keep: @escaping @Sendable (JSONValue) throws -> Item
    ) async throws -> (items: [Item], resourceVersion: String)

    /// Whether the namespace `name` exists.
    func namespaceExists(_ name: String) async throws -> Bool

    /// Every change to objects of kind `T` (in `namespace`, or all) after `resourceVersion`,
    /// in order; fails with `APIError.gone` when that version has been compacted.
    func watch<T: APIObject>(_ type: T.Type, namespace: String?, after resourceVersion: String) async throws
        -> AsyncThrowingStream<ObjectEvent<T>, any Error>

    /// Every change to objects of any kind after `resourceVersion`, as JSON: the watch event's
    /// type (`ADDED`, `MODIFIED`, `DELETED`) and the object (for a delete, as last stored).
    func objectEvents(of resource: APIResource, namespace: String?, after resourceVersion: String) async throws
        -> AsyncThrowingStream<(kind: String, object: JSONValue), any Error>
}

extension ObjectReader {
    /// The object `name` of kind `T`: in `default` when the kind is namespaced.
    public func get<T: APIObject>(_ type: T.Type, name: String) async throws -> T {
        try await get(type, namespace: "default", name: name)
    }

    /// Every object of kind `T` in `namespace` (nil: all namespaces).
    public func list<T: APIObject>(_ type: T.Type, namespace: String? = nil) async throws -> ObjectList<T> {
        try await list(type, namespace: namespace, labels: LabelSelectorQuery(), fields: FieldSelectorQuery())
    }

    /// The objects of any kind as JSON, at one revision, filtered by the selectors.
    public func objects(
        of resource: APIResource, namespace: String?, labels: LabelSelectorQuery, fields: FieldSelectorQuery
    ) async throws -> (items: [JSONValue], resourceVersion: String) {
        try await objects(of: resource, namespace: namespace, labels: labels, fields: fields, each: { $0 })
    }

    /// Every object of any kind in `namespace` (nil: all namespaces), as JSON.
    public func objects(of resource: APIResource, namespace: String? = nil) async throws
        -> (items: [JSONValue], resourceVersion: String)
    {
        try await objects(of: resource, namespace: namespace, labels: LabelSelectorQuery(), fields: FieldSelectorQuery())
    }
}
