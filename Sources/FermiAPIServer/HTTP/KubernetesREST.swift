import CoreMetrics
import FermiAPI
import Foundation

/// The Kubernetes REST API over the API layer, free of any HTTP library: a request's method,
/// path, query, `Accept` header and body in; a status code, content type and body out.
/// Serves discovery (`/api`, `/apis`, each group version, the OpenAPI v3 documents),
/// `/version`, `/healthz`, `/readyz`, `/metrics` (when given metrics: requests by verb and
/// code, latency, open watches), and for every kind GET (one or a list, in every namespace
/// or one, as a Table when asked), POST, PUT (and PUT of `/status`) and DELETE (with
/// `propagationPolicy`), errors answered as `Status` objects.
public struct KubernetesREST: Sendable {
    let server: APIServer
    /// Who may do what; nil serves everyone everything (for tests of the API alone).
    let access: AccessControl?
    /// How often a quiet watch that allows bookmarks gets one (upstream: about a minute).
    let bookmarkInterval: Duration
    /// What `/metrics` serves and where requests are counted; nil serves no metrics.
    let metrics: ServerMetrics?
    /// The OpenAPI documents of the served kinds, made when first asked for.
    let openAPIDocuments: OpenAPIDocuments
    /// A wait of the given length on the clock that times watches (their timeouts and
    /// bookmarks): the wall clock when serving, a manual one in tests. The deadline is read
    /// when the wait is made, so a clock that moves before the wait begins still ends it on time.
    let wait: @Sendable (Duration) -> @Sendable () async throws -> Void

    public init<C: Clock<Duration>>(
        server: APIServer, access: AccessControl? = nil, bookmarkInterval: Duration = .seconds(60), metrics: ServerMetrics? = nil,
        clock: C = ContinuousClock()
    ) {
        self.server = server
        self.access = access
        self.bookmarkInterval = bookmarkInterval
        self.metrics = metrics
        wait = { duration in
            let deadline = clock.now.advanced(by: duration)
            return { try await clock.sleep(until: deadline, tolerance: nil) }
        }
        openAPIDocuments = OpenAPIDocuments(registry: server.registry)
    }

    /// What answers a request: a body, or for a watch, a stream of JSON lines.
    public struct Response: Sendable {
        public var code: Int
        public var contentType: String
        public var body: Data
        public var stream: AsyncThrowingStream<Data, any Error>?
        /// Warnings for the client (unknown fields), sent as `Warning: 299` headers.
        public var warnings: [String] = []

        init(code: Int, contentType: String, body: Data, stream: AsyncThrowingStream<Data, any Error>? = nil) {
            self.code = code
            self.contentType = contentType
            self.body = body
            self.stream = stream
        }
    }

    public func handle(
        method: String, path: String, query: [String: String], accept: String, body: Data, contentType: String = "application/json",
        authorization: String? = nil, userAgent: String? = nil
    ) async -> Response {
        let parts = path.split(separator: "/").map(String.init)
        let request = RequestInfo.attributes(method: method, parts: parts, query: query)
        guard let metrics else {
            return await answer(
                method: method, parts: parts, request: request, query: query, accept: accept, body: body, contentType: contentType,
                authorization: authorization, userAgent: userAgent)
        }
        let clock = ContinuousClock()
        let started = clock.now
        var response = await answer(
            method: method, parts: parts, request: request, query: query, accept: accept, body: body, contentType: contentType,
            authorization: authorization, userAgent: userAgent)
        metrics.requests.record(request, code: response.code, took: clock.now - started)
        if let stream = response.stream {
            response.stream = Self.counted(stream, in: metrics.requests.openWatches(request))
        }
        return response
    }

    /// `stream`, counted in `openWatches` from now until it ends or its client goes.
    private static func counted(_ stream: AsyncThrowingStream<Data, any Error>, in openWatches: Meter) -> AsyncThrowingStream<Data, any Error> {
        openWatches.increment()
        return AsyncThrowingStream { continuation in
            let forwarding = Task {
                do {
                    for try await chunk in stream { continuation.yield(chunk) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in
                forwarding.cancel()
                openWatches.decrement()
            }
        }
    }

    private func answer(
        method: String, parts: [String], request: RequestAttributes, query: [String: String], accept: String, body: Data,
        contentType: String, authorization: String?, userAgent: String?
    ) async -> Response {
        if let refusal = await refusal(request, authorization: authorization) { return refusal }
        do {
            switch parts {
            case ["healthz"], ["readyz"], ["livez"]: return Response(code: 200, contentType: "text/plain", body: Data("ok".utf8))
            case ["metrics"]:
                guard let metrics else { break }
                let text = await metrics.exposition(of: server)
                return Response(code: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", body: Data(text.utf8))
            case ["version"]: return json(200, Self.version)
            case ["api"]: return json(200, Discovery.coreVersions())
            case ["apis"]: return json(200, Discovery.groups(server.registry))
            case _ where parts.first == "openapi": return openAPI(parts)
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
            return try await serve(
                method: method, target, query: query, accept: accept, body: body, contentType: contentType, userAgent: userAgent)
        } catch let rejection as RequestBody.Rejection {
            return json(rejection.code, rejection.status)
        } catch {
            let (code, status) = KubernetesStatus.of(error)
            return json(code, status)
        }
    }

    /// The answer to a request that authentication or authorization turns away, or nil when
    /// it may go ahead.
    private func refusal(_ request: RequestAttributes, authorization: String?) async -> Response? {
        guard let access else { return nil }
        switch await access.decide(authorization: authorization, request: request) {
        case .allowed: return nil
        case .unauthenticated: return json(401, KubernetesStatus.of(APIError.unauthorized).body)
        case .forbidden(let why): return json(403, KubernetesStatus.forbidden(request, why: why))
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
            guard let type = server.registry.type(group: group, version: version, plural: plural) else {
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

    /// Whether an Accept header asks for a Table (`as=Table` among its parameters). A plain
    /// scan of the bytes: Foundation's `contains`, and the standard library's generic
    /// `firstRange(of:)`, each cost a GET a few percent of its time.
    static func asksForTable(_ accept: String) -> Bool {
        let wanted: [UInt8] = Array("as=Table".utf8)
        let found = accept.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count >= wanted.count else { return false }
            for start in 0...(bytes.count - wanted.count) where bytes[start] == wanted[0] {
                var index = 1
                while index < wanted.count, bytes[start + index] == wanted[index] { index += 1 }
                if index == wanted.count { return true }
            }
            return false
        }
        return found ?? accept.contains("as=Table")
    }

    private func serve(
        method: String, _ target: Target, query: [String: String], accept: String, body: Data, contentType: String, userAgent: String?
    ) async throws -> Response {
        let resource = target.type.resource
        let namespace = resource.namespaced ? target.namespace : ""
        let asTable = Self.asksForTable(accept)
        if method == "GET", ["true", "1"].contains(query["watch"] ?? "") {
            return try await watch(target, namespace: namespace, query: query, asTable: asTable)
        }
        switch (method, target.name) {
        case ("PATCH", let name?):
            let request = WriteRequest(namespace: namespace ?? "", query: query, userAgent: userAgent)
            return try await patch(target.type, name: name, body: body, contentType: contentType, request)
        case ("GET", nil):
            let labels = try LabelSelectorQuery(parsing: query["labelSelector"] ?? "")
            let fields = try FieldSelectorQuery(parsing: query["fieldSelector"] ?? "", allowing: FieldSelectorQuery.supportedFields(of: resource))
            if asTable {
                // Each row is made as its object is read: the list is never held whole.
                let table = ServerTable(type: target.type, now: server.currentTime())
                let (rows, revision) = try await server.objects(of: resource, namespace: namespace, labels: labels, fields: fields, each: table.row(of:))
                return json(200, table.table(rows: rows, revision: revision))
            }
            let (items, revision) = try await server.objects(of: resource, namespace: namespace, labels: labels, fields: fields)
            return json(
                200,
                .object([
                    "kind": .string("\(resource.kind)List"), "apiVersion": .string(resource.apiVersion),
                    "metadata": .object(["resourceVersion": .string(revision)]), "items": .array(items),
                ]))
        case ("GET", let name?):
            guard asTable else {
                let bytes = try await server.objectJSONBytes(of: resource, namespace: namespace ?? "", name: name)
                return Response(code: 200, contentType: "application/json", body: Data(bytes))
            }
            let object = try await server.object(of: resource, namespace: namespace ?? "", name: name)
            let revision = object["metadata"]?["resourceVersion"]?.stringValue ?? ""
            return json(200, ServerTable(type: target.type, now: server.currentTime()).table(of: [object], revision: revision))
        case ("POST", nil):
            let request = WriteRequest(namespace: namespace ?? "", query: query, userAgent: userAgent)
            return try await write(target.type, body: body, verb: .create, request)
        case ("PUT", _?):
            let request = WriteRequest(namespace: namespace ?? "", query: query, userAgent: userAgent)
            return try await write(target.type, body: body, verb: target.status ? .updateStatus : .update, request)
        case ("DELETE", let name?):
            return try await delete(target.type, namespace: namespace ?? "", name: name, query: query, body: body)
        case ("DELETE", nil):
            return try await deleteCollection(target.type, namespace: namespace, query: query, body: body)
        default:
            return json(405, KubernetesStatus.status(code: 405, reason: "MethodNotAllowed", message: "\(method) is not supported on this path"))
        }
    }

    func json(_ code: Int, _ value: JSONValue) -> Response {
        Response(code: code, contentType: "application/json", body: Data(JSONValue.compactJSONBytes(value)))
    }

    static let version: JSONValue = .object([
        "major": .string("1"), "minor": .string("31"), "gitVersion": .string("v1.31.0-fermi"), "platform": .string("linux/amd64"),
    ])
}
