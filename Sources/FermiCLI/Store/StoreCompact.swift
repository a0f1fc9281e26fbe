import ArgumentParser
import FermiStore

/// `fermi store compact REVISION`: forget history before a revision.
struct StoreCompact: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Forget history before a revision (default: the current one).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The revision to keep history from.") var revision: Int64?

    func run() async throws {
        let store = try global.openStore()
        let target: Int64
        if let revision { target = revision } else { target = try await store.currentRevision() }
        try await store.compact(to: target)
        print("compacted to revision \(target)")
    }
}
