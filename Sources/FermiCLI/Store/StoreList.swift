import ArgumentParser
import FermiStore

/// `fermi store list PREFIX`: the keys under a prefix, at one revision.
struct StoreList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the keys under a prefix at one revision.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The key prefix (empty for every key).") var prefix = ""
    @Option(help: "Read at this revision instead of the current one.") var revision: Int64?
    @Flag(help: "Print the values too.") var values = false

    func run() async throws {
        let page = try await global.openStore().listAll(prefix: prefix, revision: revision)
        for item in page.items {
            print(values ? describe(item) : "\(item.key)\t\(item.modRevision)")
        }
        print("\(page.items.count) keys at revision \(page.revision)")
    }
}
