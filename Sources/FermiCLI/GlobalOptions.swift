import ArgumentParser
import FermiAPIServer
import FermiRuntime
import FermiStore
import Foundation

/// Flags every command that reads or writes objects shares: which API it works through — the
/// embedded store (SQLite, memory, or etcd), or an API server over HTTPS, as kubectl reaches one.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The embedded store's file (default: $FERMI_STORE, else ~/.fermi/store.db); also sqlite:PATH or memory:.")
    var store: String?

    @Option(name: .long, help: "Use the etcd at this client URL (http://HOST:PORT) instead.")
    var etcd: String?

    @Option(name: .long, help: "Work through the API server at this URL (https://HOST:PORT) instead of on a store.")
    var server: String?

    @Option(name: .long, help: "The bearer token to give the API server.")
    var token: String?

    @Option(name: .long, help: "The kubeconfig naming the API server and the token (default: $KUBECONFIG when set).")
    var kubeconfig: String?

    @Option(name: .long, help: "Trust the API server's certificate when this certificate authority (a PEM file) signed it.")
    var certificateAuthority: String?

    @Flag(name: .customLong("insecure-skip-tls-verify"), help: "Do not check the API server's certificate (its traffic may be read and changed).")
    var insecureSkipTLSVerify = false

    func validate() throws {
        if store != nil || etcd != nil, server != nil || kubeconfig != nil {
            throw ValidationError("--store and --etcd name a store, --server and --kubeconfig an API server: give one of them")
        }
    }

    /// Where the store is, from the flags, then `FERMI_STORE`, then the default.
    var location: StoreLocation {
        if let etcd { return .etcd(endpoint: etcd) }
        if let store { return StoreLocation(parsing: store) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["FERMI_STORE"], !fromEnvironment.isEmpty {
            return StoreLocation(parsing: fromEnvironment)
        }
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        return .sqlite(path: "\(home)/.fermi/store.db")
    }

    /// The API server to work through, if any: `--server`, else the kubeconfig of
    /// `--kubeconfig`, else of `KUBECONFIG` (unless `--store` or `--etcd` names a store); the
    /// token and TLS flags override what a kubeconfig says. Nil: the embedded store.
    func remoteConnection() throws -> RemoteAPI.Connection? {
        var connection: RemoteAPI.Connection
        if let server {
            connection = RemoteAPI.Connection(server: server)
        } else if let paths = kubeconfigPaths {
            let config = try Kubeconfig.load(paths)
            let path = paths[0]
            connection = RemoteAPI.Connection(
                server: config.server, token: config.token,
                certificateAuthority: try config.certificateAuthorityData.map { try Self.pem(fromBase64: $0, in: path) },
                insecureSkipTLSVerify: config.insecureSkipTLSVerify)
        } else {
            if token != nil || certificateAuthority != nil || insecureSkipTLSVerify {
                throw ValidationError("--token, --certificate-authority and --insecure-skip-tls-verify need an API server: --server or a kubeconfig")
            }
            return nil
        }
        if let token { connection.token = token }
        if let certificateAuthority {
            do {
                connection.certificateAuthority = try String(contentsOfFile: certificateAuthority, encoding: .utf8)
            } catch {
                throw ValidationError("--certificate-authority \(certificateAuthority) cannot be read: \(error.localizedDescription)")
            }
        }
        if insecureSkipTLSVerify { connection.insecureSkipTLSVerify = true }
        return connection
    }

    /// The kubeconfig files to read: `--kubeconfig`, else `KUBECONFIG`'s list (unless a store
    /// is named on the command line); nil when there are none.
    private var kubeconfigPaths: [String]? {
        if let kubeconfig { return [kubeconfig] }
        guard store == nil, etcd == nil, let list = ProcessInfo.processInfo.environment["KUBECONFIG"] else { return nil }
        let paths = list.split(separator: ":").map(String.init)
        return paths.isEmpty ? nil : paths
    }

    /// The namespace a command works in when `-n` names none: the kubeconfig context's
    /// namespace when the command goes through one, as kubectl's, else `default`.
    func namespace(_ flag: String?) throws -> String {
        if let flag { return flag }
        guard server == nil, let paths = kubeconfigPaths else { return "default" }
        return try Kubeconfig.load(paths).namespace ?? "default"
    }

    private static func pem(fromBase64 text: String, in path: String) throws -> String {
        guard let data = Data(base64Encoded: text) else {
            throw Kubeconfig.LoadError(path: path, reason: "certificate-authority-data is not base64")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The store itself, for commands that work on it rather than through the API.
    func openStore() throws -> any Store {
        if server != nil || kubeconfig != nil { throw EmbeddedStoreRequired(server: server ?? kubeconfig ?? "") }
        return try location.open()
    }

    /// The API the command works through: an API server's over HTTP when one is named, else
    /// the API layer over the embedded store. Either way, when a simulation has run, objects'
    /// ages are read at its simulated time.
    func openAPI() async throws -> any ObjectAPI {
        guard let connection = try remoteConnection() else { return try await openEmbeddedAPI() }
        let remote = try RemoteAPI(connection: connection)
        guard let simulated = try await SimulationClockRecord(server: remote).load() else { return remote }
        return try remote.withTime { simulated.date }
    }

    /// The API layer over the embedded store, with the `default` namespace in place; objects
    /// are stamped at the simulation's time when one has run on the store.
    func openEmbeddedAPI() async throws -> APIServer {
        let store = try openStore()
        let simulated = try await SimulationClockRecord(server: APIServer(store: store)).load()
        let server =
            if let simulated {
                APIServer(store: store, now: { simulated.date })
            } else {
                APIServer(store: store)
            }
        try await server.ensureDefaultNamespace()
        return server
    }
}

/// A command that works on the store itself, asked to work through an API server instead.
struct EmbeddedStoreRequired: Error, CustomStringConvertible {
    /// The server (or kubeconfig) it was pointed at.
    var server: String

    var description: String {
        "this command works on the embedded store itself (--store, or FERMI_STORE), not through an API server (\(server)): run it where the store is"
    }
}
