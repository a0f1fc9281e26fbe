// FermiCLI holds the `fermi` commands: each parses its flags, calls the library and prints.

import ArgumentParser

/// The `fermi` command line.
public struct FermiCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fermi",
        abstract: "A declarative control plane for AI workloads on (simulated) GPU clusters.",
        subcommands: [
            ApplyCommand.self, DiffCommand.self, GetCommand.self, DeleteCommand.self, DescribeCommand.self, ExplainCommand.self,
            APIResourcesCommand.self, UpCommand.self, ControllersCommand.self, EventsCommand.self, LogsCommand.self,
            TopCommand.self, WaitCommand.self, SimCommand.self, CompareCommand.self, StartCommand.self, StopCommand.self, SyncCommand.self, ServeCommand.self,
            StoreCommand.self,
        ])

    /// The store or API server every command works on, accepted before the command's name
    /// too (`fermi --server URL get pods`), as kubectl takes its global flags.
    @OptionGroup var global: GlobalOptions

    public init() {}
}

