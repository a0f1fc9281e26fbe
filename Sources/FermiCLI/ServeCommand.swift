import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation
import Hummingbird

/// `fermi serve`: the Kubernetes REST API over the store, for the real `kubectl` and client
/// libraries, until interrupted. Requests need a bearer token and RBAC decides what each user
/// may do; unless a token file is given, an admin token and a kubeconfig are made beside the
/// store.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the Kubernetes REST API over the store, for kubectl and client libraries.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var serving: ServingOptions
    @Option(help: "Where to listen: HOST:PORT.") var listen = "127.0.0.1:6443"

    func validate() throws {
        guard Self.address(listen) != nil else { throw ValidationError("--listen must be HOST:PORT, not \(listen)") }
    }

    func run() async throws {
        let server = try await global.openEmbeddedAPI()
        let (host, port) = Self.address(listen)!
        let prepared = try await serving.prepare(server: server, location: global.location)
        try await prepared.application(server: server, host: host, port: port, metrics: .forCluster()).runService()
    }

    static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            return nil
        }
        return (String(text[..<colon]), port)
    }
}
