import FermiStoreTestSupport
import Foundation
import Testing

/// A `fermi serve` of a test's own: its own store, a token file with an admin (system:masters)
/// and alice (bound to nothing), HTTPS with the self-signed certificate Fermi makes, on a port
/// the kernel picks. The `fermi` runs a test makes go through it, as they would through any
/// API server.
struct ServedAPI {
    static let adminToken = "admin-token"
    static let aliceToken = "alice-token"

    let scratch: Scratch
    private let child: ChildProcess
    /// `https://127.0.0.1:PORT`.
    let url: String

    /// Runs `body` against a server started for it, and stops the server after, whatever
    /// `body` does.
    static func with(_ body: (ServedAPI) async throws -> Void) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let tokens = try scratch.write(
            "tokens.csv", "\(adminToken),admin,admin,\"system:masters\"\n\(aliceToken),alice,alice\n")
        let child = try ChildProcess(
            "fermi", ["serve", "--listen", "127.0.0.1:0", "--store", "sqlite:\(scratch.store)", "--token-auth-file", tokens])
        // The first line says where it listens, once it does.
        await child.waitForLines(1)
        let announced = child.lines.first ?? ""
        guard let range = announced.range(of: "https://") else {
            child.killHard()
            await child.waitForExit()
            Issue.record("fermi serve did not start: \(announced) \(child.errorText)")
            return
        }
        let served = ServedAPI(scratch: scratch, child: child, url: String(announced[range.lowerBound...]))
        do {
            try await body(served)
        } catch {
            child.killHard()
            await child.waitForExit()
            throw error
        }
        child.killHard()
        await child.waitForExit()
    }

    /// The certificate the server made for itself, which clients trust it by.
    var certificatePath: String { "\(scratch.store).api/serving.crt" }

    /// Runs `fermi ARGUMENTS --server URL --token TOKEN --insecure-skip-tls-verify`.
    func run(_ arguments: [String], token: String = adminToken) async throws -> FermiRun {
        try await FermiRun.run(arguments + ["--server", url, "--token", token, "--insecure-skip-tls-verify"])
    }

    /// Writes a kubeconfig for this server and `token` that trusts the server's certificate by
    /// its authority, as the one `fermi serve` writes; returns its path.
    func kubeconfig(named name: String = "kubeconfig", token: String = adminToken) throws -> String {
        try kubeconfig(named: name, token: token, contextNamespace: nil)
    }

    /// The same, its context working in `contextNamespace` when one is given.
    func kubeconfig(named name: String, token: String, contextNamespace: String?) throws -> String {
        let authority = try Data(contentsOf: URL(fileURLWithPath: certificatePath)).base64EncodedString()
        return try scratch.write(
            name,
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: served
              cluster: {server: "\(url)", certificate-authority-data: \(authority)}
            users:
            - name: someone
              user: {token: \(token)}
            contexts:
            - name: served
              context: {cluster: served, user: someone\(contextNamespace.map { ", namespace: \($0)" } ?? "")}
            current-context: served
            """)
    }
}
