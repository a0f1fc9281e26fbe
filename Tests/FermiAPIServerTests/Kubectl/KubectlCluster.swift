import FermiAPI
import FermiAPIServer
import FermiStore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A Fermi API server served as `fermi serve` serves it — HTTPS with a self-signed
/// certificate, bearer tokens, RBAC with the bootstrap roles — on a free loopback port, and
/// a kubeconfig that trusts the certificate and carries an admin's token.
struct KubectlCluster {
    let server: APIServer
    let kubectl: Kubectl
    /// A folder of the test's own, removed afterwards.
    let directory: URL

    static let adminToken = "kubectl-test-admin-token"

    /// Runs `body` against a new cluster with an empty store and the default namespace.
    static func run(_ body: (KubectlCluster) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fermi-kubectl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = APIServer(store: MemoryStore(), registry: .served)
        try await server.ensureDefaultNamespace()
        try await RBACBootstrap.ensure(on: server)
        let tokens = TokenFile(users: [adminToken: UserInfo(name: "admin", groups: [UserInfo.Groups.masters])])
        let access = AccessControl(tokens: tokens, authorization: .rbac(RBACPolicyCache(server: server)))
        let certificate = try ServingCertificate.selfSigned(in: directory.path)
        let port = PortWaiter()
        let application = try HTTPFront.application(
            server: server, host: "127.0.0.1", port: 0, access: access, tls: try certificate.tlsConfiguration()
        ) { bound in await port.set(bound) }
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: Logger(label: "kubectl-tests")))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            let kubeconfig = directory.appendingPathComponent("kubeconfig").path
            let authority = Data(try certificate.certificatePEM().utf8).base64EncodedString()
            try Self.kubeconfig(server: "https://127.0.0.1:\(await port.value())", authority: authority)
                .write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let kubectl = Kubectl(kubeconfig: kubeconfig, cacheDirectory: directory.appendingPathComponent("cache").path)
            try await body(KubectlCluster(server: server, kubectl: kubectl, directory: directory))
            // kubectl has exited; what it left open, watches included, ends with the server.
            await services.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }

    /// Writes `text` to `name` in the test's folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static func kubeconfig(server: String, authority: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: fermi
          cluster:
            server: \(server)
            certificate-authority-data: \(authority)
        users:
        - name: admin
          user:
            token: \(adminToken)
        contexts:
        - name: fermi
          context:
            cluster: fermi
            user: admin
        current-context: fermi

        """
    }
}
