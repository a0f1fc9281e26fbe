import FermiAPI
import Foundation

/// The parts of a kubeconfig Fermi writes and reads: one cluster (server URL, optionally the
/// certificate authority), one user's bearer token, and the context joining them.
struct Kubeconfig: Equatable {
    var server: String
    var token: String?
    /// The base64 PEM of the certificate authority that signed the server's certificate.
    var certificateAuthorityData: String?
    var insecureSkipTLSVerify = false
    var namespace: String?

    /// The kubeconfig as YAML, with a `fermi` cluster, an `admin` user and a `fermi` context.
    func yaml() -> String {
        var cluster: [String: JSONValue] = ["server": .string(server)]
        if let certificateAuthorityData { cluster["certificate-authority-data"] = .string(certificateAuthorityData) }
        if insecureSkipTLSVerify { cluster["insecure-skip-tls-verify"] = .bool(true) }
        var context: [String: JSONValue] = ["cluster": .string("fermi"), "user": .string("admin")]
        if let namespace { context["namespace"] = .string(namespace) }
        let config: JSONValue = .object([
            "apiVersion": .string("v1"), "kind": .string("Config"),
            "clusters": .array([.object(["name": .string("fermi"), "cluster": .object(cluster)])]),
            "users": .array([.object(["name": .string("admin"), "user": .object(token.map { ["token": .string($0)] } ?? [:])])]),
            "contexts": .array([.object(["name": .string("fermi"), "context": .object(context)])]),
            "current-context": .string("fermi"),
        ])
        return YAMLPrinter.render(config)
    }

    /// What went wrong reading a kubeconfig.
    struct LoadError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "\(path): \(reason)" }
    }

    /// The current context's cluster and user from the kubeconfig at `path`.
    static func load(_ path: String) throws -> Kubeconfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LoadError(path: path, reason: "cannot be read: \(error.localizedDescription)")
        }
        guard let config = try ManifestParser.parse(text, source: path).first?.value else {
            throw LoadError(path: path, reason: "is empty")
        }
        func named(_ list: String, _ name: String) -> JSONValue? {
            config[list]?.arrayValue?.first { $0["name"]?.stringValue == name }
        }
        guard let contextName = config["current-context"]?.stringValue, let context = named("contexts", contextName)?["context"] else {
            throw LoadError(path: path, reason: "has no current-context")
        }
        guard let clusterName = context["cluster"]?.stringValue, let cluster = named("clusters", clusterName)?["cluster"],
            let server = cluster["server"]?.stringValue
        else {
            throw LoadError(path: path, reason: "context \(contextName) names no cluster with a server")
        }
        let user = context["user"]?.stringValue.flatMap { named("users", $0)?["user"] }
        var token = user?["token"]?.stringValue
        if token == nil, let tokenFile = user?["tokenFile"]?.stringValue {
            token = try? String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var authority = cluster["certificate-authority-data"]?.stringValue
        if authority == nil, let file = cluster["certificate-authority"]?.stringValue,
            let pem = try? String(contentsOfFile: file, encoding: .utf8)
        {
            authority = Data(pem.utf8).base64EncodedString()
        }
        return Kubeconfig(
            server: server, token: token, certificateAuthorityData: authority,
            insecureSkipTLSVerify: cluster["insecure-skip-tls-verify"] == .bool(true), namespace: context["namespace"]?.stringValue)
    }
}
