// FermiCLI holds the `fermi` commands: each parses its flags, calls the library and prints.

import ArgumentParser

/// The `fermi` command line.
public struct FermiCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fermi",
        abstract: "A declarative control plane for AI workloads on (simulated) GPU clusters.",
        subcommands: [StoreCommand.self])

    public init() {}
}

/// Flags every command that touches the store shares.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The store: a SQLite file path (sqlite:PATH), etcd:http://HOST:PORT, or memory:.")
    var store = ".fermi/store.db"
}
