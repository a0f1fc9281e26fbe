import FermiAPI
import Foundation

extension KubernetesREST {
    /// Server-side apply (`PATCH` with `application/apply-patch+yaml`): the configuration's
    /// fields are laid over the object and become its field manager's; fields another manager
    /// set to a different value are a 409 conflict unless `force=true` takes them; fields the
    /// manager applied before and no longer applies are removed when no one else owns them.
    /// An object that does not exist is created. A write that races another is tried again.
    func serverSideApply<T: APIObject>(_ type: T.Type, name: String, body: Data, _ request: WriteRequest) async throws -> Response {
        guard let manager = request.query["fieldManager"], !manager.isEmpty else {
            throw RequestBody.badRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set")
        }
        let force = request.query["force"] == "true"
        let configuration = try Self.applyConfiguration(body)
        if let named = configuration["metadata"]?["name"]?.stringValue, named != name {
            throw RequestBody.badRequest("the name of the object (\(named)) does not match the name on the URL (\(name))")
        }
        let applied = FieldOwnership.trackedPart(of: configuration)
        let now = Timestamp(server.currentTime())
        for _ in 0..<3 {
            let current: T
            do {
                current = try await server.get(T.self, namespace: request.namespace, name: name)
            } catch APIError.notFound {
                var (object, warnings) = try RequestBody.decode(
                    T.self, from: configuration, registry: server.registry, fieldValidation: request.fieldValidation)
                if T.resource.namespaced { object.metadata.namespace = request.namespace }
                object.metadata.name = name
                var ownership = FieldOwnership(nil)
                ownership.recordApply(by: manager, apiVersion: T.resource.apiVersion, configuration: applied, at: now)
                object.metadata.managedFields = ownership.managedFields
                var response = json(201, JSONValue.encoding(try await server.create(object, dryRun: request.dryRun)))
                response.warnings = warnings
                return response
            }
            let stored = JSONValue.encoding(current)
            var ownership = FieldOwnership(current.metadata.managedFields)
            var merged = stored.overlaid(with: configuration)
            for path in ownership.abandoned(by: manager, applying: applied) { merged = merged.removing(path[...]) }
            var (next, warnings) = try RequestBody.decode(T.self, from: merged, registry: server.registry, fieldValidation: request.fieldValidation)
            var result = next
            result.setDefaults()
            let conflicts = ownership.conflicts(
                applying: applied, by: manager, from: FieldOwnership.trackedPart(of: stored),
                to: FieldOwnership.trackedPart(of: JSONValue.encoding(result)))
            if !conflicts.isEmpty {
                guard force else { throw ApplyConflictError(conflicts: conflicts) }
                ownership.release(conflicts)
            }
            ownership.recordApply(by: manager, apiVersion: T.resource.apiVersion, configuration: applied, at: now)
            next.metadata.managedFields = ownership.managedFields
            next.metadata.resourceVersion = current.metadata.resourceVersion
            do {
                var response = json(200, JSONValue.encoding(try await server.update(next, dryRun: request.dryRun)))
                response.warnings = warnings
                return response
            } catch APIError.conflict {
                continue
            }
        }
        throw APIError.conflict(resource: T.resource.qualifiedName, name: name)
    }

    /// The apply configuration: a YAML (or JSON) object.
    private static func applyConfiguration(_ body: Data) throws -> JSONValue {
        let documents: [ManifestDocument]
        do {
            documents = try ManifestParser.parse(String(decoding: body, as: UTF8.self), source: "")
        } catch {
            throw RequestBody.badRequest("the apply configuration is not YAML: \(error)")
        }
        guard documents.count == 1, case .object = documents[0].value else {
            throw RequestBody.badRequest("the apply configuration must be one YAML object")
        }
        return documents[0].value
    }
}
