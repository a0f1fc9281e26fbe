import ArgumentParser
import FermiStore

/// `fermi store delete KEY`: delete a key (optionally only at a revision).
struct StoreDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a key.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The key.") var key: String
    @Option(help: "Delete only if the key is still at this revision.") var expectRevision: Int64?

    func run() async throws {
        let store = try global.openStore()
        let result = try await store.commit([.delete(key: key, expectedRevision: expectRevision)])
        print("\(key) deleted at revision \(result.revision)")
    }
}
