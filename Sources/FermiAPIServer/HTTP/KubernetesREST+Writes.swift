import FermiAPI
import Foundation

/// The parts of a write request every write reads: where, who (the field manager), and how
/// (dry run, field validation, forced apply).
struct WriteRequest {
    var namespace: String
    var query: [String: String]
    var userAgent: String?

    /// The `fieldManager` asked for, else the client's name from its User-Agent, as
    /// kube-apiserver picks it (`kubectl` from `kubectl/v1.31 (linux/amd64)`).
    var fieldManager: String {
        if let manager = query["fieldManager"], !manager.isEmpty { return manager }
        let agent = userAgent?.split(separator: "/").first.map(String.init) ?? ""
        return agent.isEmpty ? "unknown" : agent
    }

    var dryRun: Bool { query["dryRun"] == "All" }
    var fieldValidation: String? { query["fieldValidation"] }
}

extension KubernetesREST {
    enum Verb { case create, update, updateStatus }

    /// POST (create), PUT (update) and PUT of `/status`; the fields a create or update
    /// changes become its field manager's.
    func write<T: APIObject>(_ type: T.Type, body: Data, verb: Verb, _ request: WriteRequest) async throws -> Response {
        var (object, warnings) = try RequestBody.decode(
            T.self, from: try Self.parse(body), registry: server.registry, fieldValidation: request.fieldValidation)
        if T.resource.namespaced, object.namespace.isEmpty { object.metadata.namespace = request.namespace }
        let written: T
        switch verb {
        case .create:
            try recordUpdate(of: &object, over: nil, request)
            written = try await server.create(object, dryRun: request.dryRun)
        case .update:
            let current = try await server.get(T.self, namespace: object.namespace, name: object.name)
            try recordUpdate(of: &object, over: current, request)
            written = try await server.update(object, dryRun: request.dryRun)
        case .updateStatus:
            written = try await server.updateStatus(object)
        }
        var response = json(verb == .create ? 201 : 200, JSONValue.encoding(written))
        response.warnings = warnings
        return response
    }

    /// PATCH by content type: JSON patch, merge patch (a strategic merge patch is taken as
    /// one: lists are replaced whole), or server-side apply.
    func patch<T: APIObject>(_ type: T.Type, name: String, body: Data, contentType: String, _ request: WriteRequest) async throws -> Response {
        if contentType.contains("apply-patch") { return try await serverSideApply(T.self, name: name, body: body, request) }
        guard contentType.contains("json-patch") || contentType.contains("merge-patch") else {
            return json(
                415,
                KubernetesStatus.status(
                    code: 415, reason: "UnsupportedMediaType",
                    message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json"))
        }
        let current = try await server.get(T.self, namespace: request.namespace, name: name)
        let patched: JSONValue
        if contentType.contains("json-patch") {
            do {
                patched = try JSONPatch.apply(try Self.parse(body), to: JSONValue.encoding(current))
            } catch let failure as JSONPatch.Failure {
                return json(422, KubernetesStatus.status(code: 422, reason: "Invalid", message: "the JSON patch does not apply: \(failure)"))
            }
        } else {
            patched = MergePatch.apply(try Self.parse(body), to: JSONValue.encoding(current))
        }
        var (next, warnings) = try RequestBody.decode(T.self, from: patched, registry: server.registry, fieldValidation: request.fieldValidation)
        try recordUpdate(of: &next, over: current, request)
        var response = json(200, JSONValue.encoding(try await server.update(next, dryRun: request.dryRun)))
        response.warnings = warnings
        return response
    }

    /// DELETE with `propagationPolicy` and `preconditions`, from the query or a
    /// DeleteOptions body (kubectl sends the body).
    func delete<T: APIObject>(_ type: T.Type, namespace: String, name: String, query: [String: String], body: Data) async throws -> Response {
        let (policy, preconditions) = try Self.deleteOptions(query: query, body: body)
        let deleted = try await server.delete(T.self, namespace: namespace, name: name, propagationPolicy: policy, preconditions: preconditions)
        return json(200, JSONValue.encoding(deleted))
    }

    /// DELETE on a collection (deletecollection): every object the label and field selectors
    /// match, each deleted as a DELETE with the same options would delete it; answers the list
    /// of what it deleted. One that goes in between is passed over.
    func deleteCollection<T: APIObject>(_ type: T.Type, namespace: String?, query: [String: String], body: Data) async throws -> Response {
        let (policy, preconditions) = try Self.deleteOptions(query: query, body: body)
        let labels = try LabelSelectorQuery(parsing: query["labelSelector"] ?? "")
        let fields = try FieldSelectorQuery(parsing: query["fieldSelector"] ?? "", allowing: FieldSelectorQuery.supportedFields(of: T.resource))
        let (items, _) = try await server.objects(of: T.resource, namespace: namespace, labels: labels, fields: fields)
        var deleted: [JSONValue] = []
        for item in items {
            guard let name = item["metadata"]?["name"]?.stringValue else { continue }
            do {
                let object = try await server.delete(
                    T.self, namespace: item["metadata"]?["namespace"]?.stringValue ?? "", name: name, propagationPolicy: policy,
                    preconditions: preconditions)
                deleted.append(JSONValue.encoding(object))
            } catch APIError.notFound {
                continue
            }
        }
        return json(
            200,
            .object([
                "kind": .string("\(T.resource.kind)List"), "apiVersion": .string(T.resource.apiVersion),
                "metadata": .object([:]), "items": .array(deleted),
            ]))
    }

    /// The propagation policy and preconditions of a DELETE, from its query or its
    /// DeleteOptions body.
    private static func deleteOptions(query: [String: String], body: Data) throws -> (PropagationPolicy, DeletePreconditions) {
        let options = body.isEmpty ? JSONValue.object([:]) : try parse(body)
        let policyName = query["propagationPolicy"] ?? options["propagationPolicy"]?.stringValue ?? "Background"
        guard let policy = PropagationPolicy(rawValue: policyName) else {
            throw RequestBody.badRequest("propagationPolicy: Unsupported value: \"\(policyName)\": supported values: \"Background\", \"Foreground\", \"Orphan\"")
        }
        let preconditions = DeletePreconditions(
            uid: options["preconditions"]?["uid"]?.stringValue, resourceVersion: options["preconditions"]?["resourceVersion"]?.stringValue)
        return (policy, preconditions)
    }

    /// Gives the request's field manager the fields it changed from `current` (nil: created).
    private func recordUpdate<T: APIObject>(of object: inout T, over current: T?, _ request: WriteRequest) throws {
        var ownership = FieldOwnership(current?.metadata.managedFields)
        ownership.recordUpdate(
            by: request.fieldManager, apiVersion: T.resource.apiVersion,
            from: current.map { FieldOwnership.trackedPart(of: JSONValue.encoding($0)) },
            to: FieldOwnership.trackedPart(of: JSONValue.encoding(object)), at: Timestamp(server.currentTime()))
        object.metadata.managedFields = ownership.managedFields
    }

    static func parse(_ body: Data) throws -> JSONValue {
        do {
            return try JSONParser.parse(body)
        } catch {
            throw RequestBody.badRequest("the request body is not JSON: \(error)")
        }
    }
}
