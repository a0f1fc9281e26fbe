import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation

/// `fermi start instance NAME`: runs a stopped instance again; starting counts as using it.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start a stopped instance (it is scheduled anew, with its files).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var instance: InstanceArguments

    func run() async throws {
        try await instance.set(running: true, global: global)
        print("instance.fermi.dev/\(instance.name) started")
    }
}

/// `fermi stop instance NAME`: releases a running instance's GPUs and cores, keeping its files.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop an instance: its GPUs and cores are released, its storage kept.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var instance: InstanceArguments

    func run() async throws {
        try await instance.set(running: false, global: global)
        print("instance.fermi.dev/\(instance.name) stopped")
    }
}

/// The instance `start` and `stop` name, and how they turn its `running` on or off.
struct InstanceArguments: ParsableArguments {
    @Argument(help: "instance") var kind: String
    @Argument(help: "The instance's name.") var name: String
    @Option(name: .shortAndLong, help: "The namespace (default: the kubeconfig context's, else default).") var namespace: String?

    func validate() throws {
        guard ["instance", "instances", "inst"].contains(kind.lowercased()) else {
            throw ValidationError("only instances start and stop, not \(kind)")
        }
    }

    /// Sets `running`; a start also marks the instance as used now.
    func set(running: Bool, global: GlobalOptions) async throws {
        let server = try await global.openAPI()
        var instance = try await server.get(Instance.self, namespace: try global.namespace(namespace), name: name)
        instance.spec.running = running
        if running {
            var annotations = instance.metadata.annotations ?? [:]
            annotations[LifetimeAnnotations.lastActivity] = "\(Timestamp(server.currentTime()))"
            instance.metadata.annotations = annotations
        }
        _ = try await server.update(instance)
    }
}
