import FermiAPI
import Foundation
import NIOHTTP1

extension RemoteAPI {
    public func get<T: APIObject>(_ type: T.Type, namespace: String, name: String) async throws -> T {
        try Self.decode(T.self, try await object(of: T.resource, namespace: namespace, name: name))
    }

    public func list<T: APIObject>(
        _ type: T.Type, namespace: String?, labels: LabelSelectorQuery, fields: FieldSelectorQuery
    ) async throws -> ObjectList<T> {
        let listed = try await objects(of: T.resource, namespace: namespace, labels: labels, fields: fields)
        return ObjectList(items: try listed.items.map { try Self.decode(T.self, $0) }, resourceVersion: listed.resourceVersion)
    }

    public func object(of resource: APIResource, namespace: String, name: String) async throws -> JSONValue {
        let request = request(.GET, Self.path(of: resource, namespace: namespace, name: name))
        return Self.typed(try await send(request, about: resource, name: name), as: resource)
    }

    public func objects<Item: Sendable>(
        of resource: APIResource, namespace: String?, labels: LabelSelectorQuery, fields: FieldSelectorQuery,
        each keep: @escaping @Sendable (JSONValue) throws -> Item
    ) async throws -> (items: [Item], resourceVersion: String) {
        let list = try await send(
            request(.GET, Self.path(of: resource, namespace: namespace), query: Self.selectors(labels, fields)),
            about: resource, name: "")
        let items = list["items"]?.arrayValue ?? []
        return (try items.map { try keep(Self.typed($0, as: resource)) }, list["metadata"]?["resourceVersion"]?.stringValue ?? "")
    }

    /// Whether the namespace exists. A user who may not read namespaces is told it does: the
    /// write that follows finds out for certain, as kubectl leaves it to the write.
    public func namespaceExists(_ name: String) async throws -> Bool {
        let resource = APIResource(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false)
        do {
            _ = try await send(request(.GET, Self.path(of: resource, namespace: nil, name: name)), about: resource, name: name)
            return true
        } catch APIError.notFound {
            return false
        } catch APIError.forbidden {
            return true
        }
    }

    /// The `labelSelector` and `fieldSelector` query parameters, for those not empty.
    static func selectors(_ labels: LabelSelectorQuery, _ fields: FieldSelectorQuery) -> [(String, String)] {
        var query: [(String, String)] = []
        if !labels.requirements.isEmpty { query.append(("labelSelector", labels.description)) }
        if !fields.requirements.isEmpty { query.append(("fieldSelector", fields.description)) }
        return query
    }

    /// `object` with its `apiVersion` and `kind`, which upstream servers leave out of list items.
    static func typed(_ object: JSONValue, as resource: APIResource) -> JSONValue {
        guard case .object(var members) = object, members["kind"] == nil || members["apiVersion"] == nil else { return object }
        members["apiVersion"] = .string(resource.apiVersion)
        members["kind"] = .string(resource.kind)
        return .object(members)
    }

    static func decode<T: APIObject>(_ type: T.Type, _ object: JSONValue) throws -> T {
        try JSONValueDecoder.decode(T.self, from: typed(object, as: T.resource))
    }
}
