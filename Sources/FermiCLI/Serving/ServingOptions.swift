import ArgumentParser
import FermiAPIServer
import FermiSim
import FermiStore
import Foundation
import Hummingbird

/// How `fermi serve` and `fermi up --listen` admit clients: bearer tokens, RBAC, TLS. As
/// kube-apiserver does, it serves HTTPS, with a self-signed certificate unless given one.
struct ServingOptions: ParsableArguments {
    @Option(help: "Bearer tokens, one `token,user,uid[,\"group1,group2\"]` line each (as kube-apiserver's); by default an admin token is made beside the store.")
    var tokenAuthFile: String?
    @Flag(help: "Admit requests without a token as system:anonymous (RBAC still decides what they may do).")
    var anonymousAuth = false
    @Option(help: "RBAC (roles and bindings decide) or AlwaysAllow (every authenticated user may do everything).")
    var authorizationMode: AuthorizationMode = .rbac
    @Option(help: "Serve TLS with this certificate chain (PEM); needs --tls-private-key-file. By default a self-signed certificate for the loopback names is made beside the store.")
    var tlsCertFile: String?
    @Option(help: "The private key (PEM) of --tls-cert-file.")
    var tlsPrivateKeyFile: String?
    @Flag(help: "Serve plain HTTP, without TLS (kubectl sends no tokens over it: for curl, scripts and anonymous access).")
    var plainHTTP = false

    /// RBAC, or no authorization beyond authentication.
    enum AuthorizationMode: String, ExpressibleByArgument {
        case rbac = "RBAC"
        case alwaysAllow = "AlwaysAllow"
    }

    func validate() throws {
        if (tlsCertFile == nil) != (tlsPrivateKeyFile == nil) {
            throw ValidationError("--tls-cert-file and --tls-private-key-file go together")
        }
        if plainHTTP, tlsCertFile != nil { throw ValidationError("--plain-http and --tls-cert-file exclude each other") }
    }

    /// The folder beside the store that holds the generated token file, certificate and
    /// kubeconfig: `STORE.api/` for a store file, `~/.fermi/api/` otherwise.
    func filesDirectory(for location: StoreLocation) -> String {
        if case .sqlite(let path) = location { return "\(path).api" }
        return FileManager.default.homeDirectoryForCurrentUser.path + "/.fermi/api"
    }

    /// What serving needs, made ready: access control (with the bootstrap roles in the
    /// store), TLS if asked for, and — when Fermi made the admin token — a kubeconfig for it.
    func prepare(server: APIServer, location: StoreLocation) async throws -> PreparedServing {
        let directory = filesDirectory(for: location)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var adminToken: String?
        let tokenPath: String
        if let tokenAuthFile {
            tokenPath = tokenAuthFile
        } else {
            tokenPath = "\(directory)/tokens.csv"
            adminToken = try AdminToken.ensure(at: tokenPath)
        }
        let tokens = try TokenFile(contentsOf: tokenPath)
        try await RBACBootstrap.ensure(on: server)
        let authorization: AccessControl.Authorization =
            authorizationMode == .rbac ? .rbac(RBACPolicyCache(server: server)) : .alwaysAllow
        var certificate: ServingCertificate?
        if let tlsCertFile, let tlsPrivateKeyFile {
            certificate = ServingCertificate(certificatePath: tlsCertFile, keyPath: tlsPrivateKeyFile)
        } else if !plainHTTP {
            certificate = try ServingCertificate.selfSigned(in: directory)
        }
        return PreparedServing(
            access: AccessControl(tokens: tokens, allowAnonymous: anonymousAuth, authorization: authorization),
            certificate: certificate, adminToken: adminToken, kubeconfigPath: "\(directory)/kubeconfig")
    }
}

extension ServerMetrics {
    /// The metrics a Fermi process serves: its requests, its controllers (through `factory`)
    /// and the simulated cluster's state at each scrape.
    static func forCluster() -> ServerMetrics {
        let metrics = ServerMetrics()
        metrics.add(ClusterMetrics(factory: metrics.factory))
        return metrics
    }
}

/// Serving made ready by `ServingOptions.prepare`.
struct PreparedServing {
    let access: AccessControl
    let certificate: ServingCertificate?
    /// The token Fermi made for `admin` (system:masters), when it made the token file.
    let adminToken: String?
    let kubeconfigPath: String

    /// The application serving `server` at `host:port`, with `metrics` at `/metrics`; once
    /// listening it writes the kubeconfig and says where the API and the kubeconfig are.
    func application(server: APIServer, host: String, port: Int, metrics: ServerMetrics) throws -> some ApplicationProtocol {
        let scheme = certificate == nil ? "http" : "https"
        let this = self
        return try HTTPFront.application(
            server: server, host: host, port: port, access: access, tls: certificate?.tlsConfiguration(), metrics: metrics
        ) { bound in
            var lines = "serving the Kubernetes API on \(scheme)://\(host):\(bound)\n"
            do {
                if let path = try this.writeKubeconfig(server: "\(scheme)://\(host):\(bound)") {
                    lines += "kubeconfig: \(path)  (kubectl --kubeconfig \(path) get pods)\n"
                }
            } catch {
                lines += "could not write the kubeconfig: \(error)\n"
            }
            // Written at once, unbuffered: scripts wait for these lines.
            FileHandle.standardOutput.write(Data(lines.utf8))
        }
    }

    /// Writes the kubeconfig for `admin`; nil when there is no token of Fermi's making to put in it.
    func writeKubeconfig(server: String) throws -> String? {
        guard let adminToken else { return nil }
        let authority = try certificate.map { Data(try $0.certificatePEM().utf8).base64EncodedString() }
        let text = Kubeconfig(server: server, token: adminToken, certificateAuthorityData: authority).yaml()
        try text.write(toFile: kubeconfigPath, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: kubeconfigPath)
        return kubeconfigPath
    }
}
