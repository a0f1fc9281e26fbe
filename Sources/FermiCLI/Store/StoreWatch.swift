import ArgumentParser
import FermiStore

/// `fermi store watch PREFIX`: print every change under a prefix after a revision.
struct StoreWatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch", abstract: "Print changes under a prefix as they happen.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The key prefix (empty for every key).") var prefix = ""
    @Option(help: "Replay changes after this revision (default: the current one).")
    var after: Int64?
    @Option(help: "Stop after this many changes.") var count: Int?

    func run() async throws {
        let store = try global.openStore()
        let start: Int64
        if let after { start = after } else { start = try await store.currentRevision() }
        var seen = 0
        for try await event in try await store.watch(prefix: prefix, after: start) {
            print("\(event.revision) \(event.kind.rawValue) \(event.key)")
            seen += 1
            if let count, seen >= count { return }
        }
    }
}
