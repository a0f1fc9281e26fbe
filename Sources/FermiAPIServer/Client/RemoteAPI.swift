import AsyncHTTPClient
import FermiAPI
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// The API of a server that speaks Kubernetes' REST API (`fermi serve`), over HTTP(S) with a
/// bearer token: each operation is the request kubectl makes for it, and each error `Status`
/// is read back into the `APIError` the in-process API throws, so a command prints the same
/// whichever API it was given.
public struct RemoteAPI: ObjectReader, ObjectWriter, StatusWriter {
    /// Where the server is and how to trust and speak to it: what a kubeconfig's cluster and
    /// user say.
    public struct Connection: Hashable, Sendable {
        /// The server's URL: `https://127.0.0.1:6443`.
        public var server: String
        /// The bearer token; nil sends requests anonymously.
        public var token: String?
        /// The PEM of the certificate authority to trust; nil trusts the system's.
        public var certificateAuthority: String?
        /// Trust any certificate, as kubectl's `--insecure-skip-tls-verify`.
        public var insecureSkipTLSVerify: Bool

        public init(server: String, token: String? = nil, certificateAuthority: String? = nil, insecureSkipTLSVerify: Bool = false) {
            self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
            self.token = token
            self.certificateAuthority = certificateAuthority
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
        }
    }

    public let connection: Connection
    public let registry: KindRegistry
    private let now: @Sendable () -> Date
    private let client: HTTPClient

    /// How long a request other than a watch may take.
    static let requestTimeout = TimeAmount.minutes(5)
    /// The field manager of the CLI's writes, as kubectl names its own `kubectl-create`, ...
    static let fieldManager = "fermi"

    /// The API at `connection`; `now` gives the time ages are read against (the simulation's,
    /// when the caller has read it from the server).
    public init(connection: Connection, registry: KindRegistry = .served, now: @escaping @Sendable () -> Date = { Date() }) throws {
        self.connection = connection
        self.registry = registry
        self.now = now
        client = try SharedHTTPClients.client(
            for: .init(certificateAuthority: connection.certificateAuthority, skipVerification: connection.insecureSkipTLSVerify))
    }

    /// This API reading time from `now`.
    public func withTime(_ now: @escaping @Sendable () -> Date) throws -> RemoteAPI {
        try RemoteAPI(connection: connection, registry: registry, now: now)
    }

    public func currentTime() -> Date {
        now()
    }

    // MARK: - Requests

    /// The REST path of `resource`: its collection in `namespace` (nil: every namespace, and
    /// cluster-scoped kinds have none), or the object `name`, or one's subresource.
    static func path(of resource: APIResource, namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var path = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
        if resource.namespaced, let namespace, !namespace.isEmpty { path += "/namespaces/\(escaped(namespace))" }
        path += "/\(resource.plural)"
        if let name { path += "/\(escaped(name))" }
        if let subresource { path += "/\(subresource)" }
        return path
    }

    /// A request to `path` with `query`, authorized with the token.
    func request(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: Data? = nil,
        contentType: String = "application/json"
    ) -> HTTPClientRequest {
        var url = connection.server + path
        if !query.isEmpty { url += "?" + query.map { "\($0)=\(Self.escaped($1))" }.joined(separator: "&") }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "fermi")
        if let token = connection.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(data: body))
        }
        return request
    }

    /// Sends `request` and returns the server's JSON answer; an error answer is thrown as the
    /// `APIError` its Status means, said about `resource` and `name`.
    func send(_ request: HTTPClientRequest, about resource: APIResource, name: String) async throws -> JSONValue {
        let response = try await execute(request, timeout: Self.requestTimeout)
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: 1 << 30)
        } catch {
            throw APIError.unavailable("the server at \(connection.server) broke off its answer: \(error)")
        }
        let data = Data(buffer: body)
        guard (200..<300).contains(response.status.code) else {
            throw APIError.from(status: Int(response.status.code), body: data, resource: resource, name: name)
        }
        do {
            return try JSONParser.parse(data)
        } catch {
            throw APIError.unavailable("the server at \(connection.server) answered \(request.url) with something other than JSON: \(error)")
        }
    }

    /// The response's head, the body left to read; a server that cannot be reached is
    /// `unavailable`, as kubectl's "Unable to connect to the server".
    func execute(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> HTTPClientResponse {
        do {
            return try await client.execute(request, timeout: timeout)
        } catch {
            throw APIError.unavailable("Unable to connect to the server at \(connection.server): \(error)")
        }
    }

    /// The JSON a write sends.
    static func body(_ object: some APIObject) throws -> Data {
        Data(try JSONValueEncoder.encodeCompactJSONBytes(object))
    }

    /// `text` made safe for one path segment or query value.
    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
