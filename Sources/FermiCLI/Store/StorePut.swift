import ArgumentParser
import FermiStore
import Foundation

/// `fermi store put KEY VALUE`: create a key, or update it (optionally only at a revision).
struct StorePut: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put", abstract: "Create a key, or update it if it exists.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The key.") var key: String
    @Argument(help: "The value.") var value: String
    @Option(help: "Update only if the key is still at this revision (compare-and-swap).")
    var expectRevision: Int64?

    func run() async throws {
        let store = try global.openStore()
        let bytes = Data(value.utf8)
        let written: KeyValue
        if expectRevision == nil, try await store.getIfPresent(key) == nil {
            written = try await store.create(key, value: bytes)
        } else {
            written = try await store.update(key, value: bytes, expectedRevision: expectRevision)
        }
        print("\(written.key) written at revision \(written.modRevision)")
    }
}
