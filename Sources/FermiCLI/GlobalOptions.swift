import ArgumentParser
import FermiAPIServer
import FermiRuntime
import FermiStore
import Foundation

/// Flags every command that touches the store shares: which store, embedded or etcd.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The embedded store's file (default: $FERMI_STORE, else ~/.fermi/store.db); also sqlite:PATH or memory:.")
    var store: String?

    @Option(name: .long, help: "Use the etcd at this client URL (http://HOST:PORT) instead.")
    var etcd: String?

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

    func openStore() throws -> any Store {
        try location.open()
    }

    /// The API layer over the store, with the `default` namespace in place. When a simulation
    /// has run on the store, objects are stamped (and ages read) at its simulated time.
    func openAPI() async throws -> APIServer {
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
