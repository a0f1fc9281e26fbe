import FermiAPI
import Foundation
import Hummingbird
import NIOCore

/// The API layer served over HTTP (Hummingbird) at the Kubernetes REST paths, so the real
/// `kubectl` and client libraries work against Fermi unchanged.
public enum HTTPFront {
    /// An application serving `server` on `host:port` (port 0: any free one); `onListening`
    /// is told the port it got.
    public static func application(
        server: APIServer, host: String, port: Int, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let rest = KubernetesREST(server: server)
        let router = Router()
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("**", method: method) { request, _ -> Hummingbird.Response in
                let body = try await request.body.collect(upTo: 64 * 1_048_576)
                var query: [String: String] = [:]
                for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
                let answer = await rest.handle(
                    method: request.method.rawValue, path: request.uri.path, query: query,
                    accept: request.headers[.accept] ?? "", body: Data(body.readableBytesView),
                    contentType: request.headers[.contentType] ?? "application/json")
                var headers = HTTPFields()
                headers[.contentType] = answer.contentType
                if let stream = answer.stream {
                    return Hummingbird.Response(
                        status: .ok, headers: headers, body: ResponseBody(asyncSequence: stream.map { ByteBuffer(bytes: $0) }))
                }
                return Hummingbird.Response(
                    status: HTTPResponse.Status(code: answer.code), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
            }
        }
        return Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "fermi"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) })
    }
}
