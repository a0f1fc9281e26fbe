import FermiAPI
import Foundation

/// The Kubernetes REST API over the API layer, free of any HTTP library: a request's method,
/// path, query, `Accept` header and body in; a status code, content type and body out.
/// Serves discovery (`/api`, `/apis`, each group version), `/version`, `/healthz`, `/readyz`,
/// and for every kind GET (one or a list, in every namespace or one, as a Table when asked),
/// POST, PUT (and PUT of `/status`) and DELETE (with `propagationPolicy`), errors answered as
/// `Status` objects.
public struct KubernetesREST: Sendable {
    let server: APIServer

    public init(server: APIServer) {
        self.server = server
    }

    /// What answers a request.
    public struct Response: Sendable {
        public var code: Int
        public var contentType: String
        public var body: Data
    }

    public func handle(method: String, path: String, query: [String: String], accept: String, body: Data) async -> Response {
        let parts = path.split(separator: "/").map(String.init)
        do {
            switch parts {
            case ["healthz"], ["readyz"], ["livez"]: return Response(code: 200, contentType: "text/plain", body: Data("ok".utf8))
            case ["version"]: return json(200, Self.version)
            case ["api"]: return json(200, Discovery.coreVersions())
            case ["apis"]: return json(200, Discovery.groups(server.registry))
            default: break
            }
            let (group, version, rest): (String, String, [String])
            if parts.count >= 2, parts[0] == "api" {
                (group, version, rest) = ("", parts[1], Array(parts.dropFirst(2)))
            } else if parts.count >= 3, parts[0] == "apis" {
                (group, version, rest) = (parts[1], parts[2], Array(parts.dropFirst(3)))
            } else {
                return json(404, KubernetesStatus.status(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
            }
            if rest.isEmpty {
                guard let list = Discovery.resources(server.registry, group: group, version: version) else {
                    return json(404, KubernetesStatus.status(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
                }
                return json(200, list)
            }
            let target = try locate(group: group, version: version, rest: rest)
            return try await serve(method: method, target, query: query, accept: accept, body: body)
        } catch {
            let (code, status) = KubernetesStatus.of(error)
            return json(code, status)
        }
    }

    /// What a resource path names: the kind, the namespace (nil: every one, or none for a
    /// cluster-scoped kind), the object's name, and whether it is the status subresource.
    struct Target {
        var type: any APIObject.Type
        var namespace: String?
        var name: String?
        var status = false
    }

    private func locate(group: String, version: String, rest: [String]) throws -> Target {
        func kind(_ plural: String) throws -> any APIObject.Type {
            guard let type = server.registry.kinds.first(where: {
                $0.resource.group == group && $0.resource.version == version && $0.resource.plural == plural
            }) else {
                throw APIError.notFound(resource: plural, name: "")
            }
            return type
        }
        switch rest.count {
        case 1: return Target(type: try kind(rest[0]))
        case 2 where rest[0] != "namespaces" || group != "" : return Target(type: try kind(rest[0]), name: rest[1])
        case 2: return Target(type: try kind("namespaces"), name: rest[1])
        case 3 where rest[0] == "namespaces": return Target(type: try kind(rest[2]), namespace: rest[1])
        case 3 where rest[2] == "status": return Target(type: try kind(rest[0]), name: rest[1], status: true)
        case 4 where rest[0] == "namespaces": return Target(type: try kind(rest[2]), namespace: rest[1], name: rest[3])
        case 5 where rest[0] == "namespaces" && rest[4] == "status":
            return Target(type: try kind(rest[2]), namespace: rest[1], name: rest[3], status: true)
        default: throw APIError.notFound(resource: rest.joined(separator: "/"), name: "")
        }
    }

    private func serve(method: String, _ target: Target, query: [String: String], accept: String, body: Data) async throws -> Response {
        let resource = target.type.resource
        let namespace = resource.namespaced ? target.namespace : ""
        let asTable = accept.contains("as=Table")
        switch (method, target.name) {
        case ("GET", nil):
            let labels = try LabelSelectorQuery(parsing: query["labelSelector"] ?? "")
            let (items, revision) = try await server.objects(of: resource, namespace: namespace, labels: labels)
            if asTable { return json(200, ServerTable.table(of: items, type: target.type, revision: revision, now: server.currentTime())) }
            return json(
                200,
                .object([
                    "kind": .string("\(resource.kind)List"), "apiVersion": .string(resource.apiVersion),
                    "metadata": .object(["resourceVersion": .string(revision)]), "items": .array(items),
                ]))
        case ("GET", let name?):
            let object = try await server.object(of: resource, namespace: namespace ?? "", name: name)
            if asTable {
                let revision = object["metadata"]?["resourceVersion"]?.stringValue ?? ""
                return json(200, ServerTable.table(of: [object], type: target.type, revision: revision, now: server.currentTime()))
            }
            return json(200, object)
        case ("POST", nil):
            return json(201, try await write(target.type, body: body, namespace: namespace, verb: .create))
        case ("PUT", _?):
            return json(200, try await write(target.type, body: body, namespace: namespace, verb: target.status ? .updateStatus : .update))
        case ("DELETE", let name?):
            let policy = PropagationPolicy(rawValue: query["propagationPolicy"] ?? "Background") ?? .background
            return json(200, try await delete(target.type, namespace: namespace ?? "", name: name, policy: policy))
        default:
            return json(405, KubernetesStatus.status(code: 405, reason: "MethodNotAllowed", message: "\(method) is not supported on this path"))
        }
    }

    enum Verb { case create, update, updateStatus }

    private func write<T: APIObject>(_ type: T.Type, body: Data, namespace: String?, verb: Verb) async throws -> JSONValue {
        var object = try JSONValueDecoder.decode(T.self, from: try JSONParser.parse(body))
        if T.resource.namespaced, object.namespace.isEmpty, let namespace { object.metadata.namespace = namespace }
        let written: T =
            switch verb {
            case .create: try await server.create(object)
            case .update: try await server.update(object)
            case .updateStatus: try await server.updateStatus(object)
            }
        return JSONValue.encoding(written)
    }

    private func delete<T: APIObject>(_ type: T.Type, namespace: String, name: String, policy: PropagationPolicy) async throws -> JSONValue {
        JSONValue.encoding(try await server.delete(T.self, namespace: namespace, name: name, propagationPolicy: policy))
    }

    private func json(_ code: Int, _ value: JSONValue) -> Response {
        Response(code: code, contentType: "application/json", body: Data(JSONValue.compactJSON(value).utf8))
    }

    static let version: JSONValue = .object([
        "major": .string("1"), "minor": .string("31"), "gitVersion": .string("v1.31.0-fermi"), "platform": .string("linux/amd64"),
    ])
}
