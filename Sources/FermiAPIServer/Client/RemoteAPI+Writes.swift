import FermiAPI
import Foundation
import NIOHTTP1

extension RemoteAPI {
    public func create<T: APIObject>(_ object: T, dryRun: Bool) async throws -> T {
        try await create(object, dryRun: dryRun, fieldManager: Self.fieldManager)
    }

    /// POST to the object's collection (in its namespace, else `default`).
    func create<T: APIObject>(_ object: T, dryRun: Bool, fieldManager: String) async throws -> T {
        let namespace = object.namespace.isEmpty ? "default" : object.namespace
        let request = request(
            .POST, Self.path(of: T.resource, namespace: namespace), query: Self.writeQuery(dryRun, fieldManager),
            body: try Self.body(object))
        return try Self.decode(T.self, try await send(request, about: T.resource, name: object.name))
    }

    public func update<T: APIObject>(_ object: T, dryRun: Bool) async throws -> T {
        try await update(object, dryRun: dryRun, fieldManager: Self.fieldManager)
    }

    /// PUT to the object; its resourceVersion, when set, makes it conditional.
    func update<T: APIObject>(_ object: T, dryRun: Bool, fieldManager: String) async throws -> T {
        let request = request(
            .PUT, Self.path(of: T.resource, namespace: Self.namespace(of: object), name: object.name),
            query: Self.writeQuery(dryRun, fieldManager), body: try Self.body(object))
        return try Self.decode(T.self, try await send(request, about: T.resource, name: object.name))
    }

    public func updateStatus<T: APIObject>(_ object: T) async throws -> T {
        let request = request(
            .PUT, Self.path(of: T.resource, namespace: Self.namespace(of: object), name: object.name, subresource: "status"),
            query: [("fieldManager", Self.fieldManager)], body: try Self.body(object))
        return try Self.decode(T.self, try await send(request, about: T.resource, name: object.name))
    }

    public func patch<T: APIObject>(_ type: T.Type, namespace: String, name: String, mergePatch: JSONValue) async throws -> T {
        let request = request(
            .PATCH, Self.path(of: T.resource, namespace: namespace, name: name), query: [("fieldManager", Self.fieldManager)],
            body: Data(JSONValue.compactJSONBytes(mergePatch)), contentType: "application/merge-patch+json")
        return try Self.decode(T.self, try await send(request, about: T.resource, name: name))
    }

    /// DELETE with DeleteOptions in the body, as kubectl sends them; Fermi answers with the
    /// object as last stored.
    @discardableResult
    public func delete<T: APIObject>(
        _ type: T.Type, namespace: String, name: String, propagationPolicy: PropagationPolicy, preconditions: DeletePreconditions
    ) async throws -> T {
        var options: [String: JSONValue] = [
            "kind": .string("DeleteOptions"), "apiVersion": .string("v1"), "propagationPolicy": .string(propagationPolicy.rawValue),
        ]
        var required: [String: JSONValue] = [:]
        if let uid = preconditions.uid { required["uid"] = .string(uid) }
        if let resourceVersion = preconditions.resourceVersion { required["resourceVersion"] = .string(resourceVersion) }
        if !required.isEmpty { options["preconditions"] = .object(required) }
        let request = request(
            .DELETE, Self.path(of: T.resource, namespace: namespace, name: name), body: Data(JSONValue.compactJSONBytes(.object(options))))
        return try Self.decode(T.self, try await send(request, about: T.resource, name: name))
    }

    /// The namespace an object's path names: its own, `default` when it names none.
    static func namespace<T: APIObject>(of object: T) -> String? {
        T.resource.namespaced ? (object.namespace.isEmpty ? "default" : object.namespace) : nil
    }

    static func writeQuery(_ dryRun: Bool, _ fieldManager: String) -> [(String, String)] {
        [("fieldManager", fieldManager)] + (dryRun ? [("dryRun", "All")] : [])
    }
}
