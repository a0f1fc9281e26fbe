import ArgumentParser
import FermiStore

/// `fermi store revision`: print the store's current revision.
struct StoreRevision: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revision", abstract: "Print the store's current revision.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        print(try await global.openStore().currentRevision())
    }
}
