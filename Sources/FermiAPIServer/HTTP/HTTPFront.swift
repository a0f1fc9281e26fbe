import FermiAPI
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTLS
import NIOCore
import NIOSSL
import ServiceLifecycle

/// The API layer served over HTTP (Hummingbird) at the Kubernetes REST paths, so the real
/// `kubectl` and client libraries work against Fermi unchanged.
public enum HTTPFront {
    /// An application serving `server` on `host:port` (port 0: any free one), over TLS when
    /// `tls` is given, admitting requests as `access` decides (nil: everyone), serving
    /// `metrics` at `/metrics` and counting requests in them; `onListening`
    /// is told the port it got. With access control, the RBAC objects are watched for as long
    /// as the application runs.
    public static func application(
        server: APIServer, host: String, port: Int, access: AccessControl? = nil, tls: TLSConfiguration? = nil,
        metrics: ServerMetrics? = nil, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let rest = KubernetesREST(server: server, access: access, metrics: metrics)
        let router = Router()
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("**", method: method) { request, _ -> Hummingbird.Response in
                let body = try await request.body.collect(upTo: 64 * 1_048_576)
                var query: [String: String] = [:]
                for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
                let answer = await rest.handle(
                    method: request.method.rawValue, path: request.uri.path, query: query,
                    accept: request.headers[.accept] ?? "", body: Data(body.readableBytesView),
                    contentType: request.headers[.contentType] ?? "application/json",
                    authorization: request.headers[.authorization], userAgent: request.headers[.userAgent])
                var headers = HTTPFields()
                headers[.contentType] = answer.contentType
                for warning in answer.warnings {
                    headers.append(HTTPField(name: HTTPField.Name("Warning")!, value: "299 - \"\(warning.replacingOccurrences(of: "\"", with: "\\\""))\""))
                }
                if let stream = answer.stream {
                    // A watch ends when the server shuts down gracefully; the shutdown waits for
                    // every response, and a quiet watch's would otherwise never end.
                    let lines = stream.cancelOnGracefulShutdown().map { ByteBuffer(bytes: $0) }
                    return Hummingbird.Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: lines))
                }
                return Hummingbird.Response(
                    status: HTTPResponse.Status(code: answer.code), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
            }
        }
        let services: [any ServiceLifecycle.Service] = access?.policyCache.map { [PolicyWatch(cache: $0)] } ?? []
        return Application(
            router: router, server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "fermi"),
            services: services,
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) })
    }

    /// Keeps the RBAC cache current while the server runs, and stops when it stops.
    struct PolicyWatch: ServiceLifecycle.Service {
        let cache: RBACPolicyCache

        func run() async throws {
            try await cancelWhenGracefulShutdown { try await cache.run() }
        }
    }
}
