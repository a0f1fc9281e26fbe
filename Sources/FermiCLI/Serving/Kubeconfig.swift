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

    /// The current context's cluster and user from the kubeconfig files at `paths`, merged as
    /// kubectl merges a `KUBECONFIG` list: the first file to name a cluster, user or context,
    /// or to set `current-context`, wins; files of a list that do not exist are passed over.
    static func load(_ paths: [String]) throws -> Kubeconfig {
        let path = paths.joined(separator: ":")
        var config: [String: JSONValue] = [:]
        var seen: [String: Set<String>] = [:]
        for file in paths where paths.count == 1 || FileManager.default.fileExists(atPath: file) {
            guard case .object(let members)? = try document(file) else { continue }
            if config["current-context"] == nil, let current = members["current-context"], current != .string("") {
                config["current-context"] = current
            }
            for list in ["clusters", "users", "contexts"] {
                for entry in members[list]?.arrayValue ?? [] {
                    guard let name = entry["name"]?.stringValue, seen[list, default: []].insert(name).inserted else { continue }
                    config[list] = .array((config[list]?.arrayValue ?? []) + [entry])
                }
            }
        }
        guard !config.isEmpty else { throw LoadError(path: path, reason: "is empty") }
        return try resolve(.object(config), path: path)
    }

    /// The parsed kubeconfig file at `path`; nil when it is empty.
    private static func document(_ path: String) throws -> JSONValue? {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LoadError(path: path, reason: "cannot be read: \(error.localizedDescription)")
        }
        return try ManifestParser.parse(text, source: path).first?.value
    }

    /// The current context's cluster and user in `config`, read from `path`.
    private static func resolve(_ config: JSONValue, path: String) throws -> Kubeconfig {
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
