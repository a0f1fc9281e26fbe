import ArgumentParser
import FermiStore

/// `fermi store get KEY`: print one key's value and revisions.
struct StoreGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print a key's value and revisions.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The key.") var key: String

    func run() async throws {
        print(describe(try await global.openStore().get(key)))
    }
}
