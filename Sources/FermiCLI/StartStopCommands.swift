import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation

/// `fermi start instance NAME`: runs a stopped instance again; starting counts as using it.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Start a stopped instance (it is scheduled anew, with its files).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "instance") var kind: String
    @Argument(help: "The instance's name.") var name: String
    @Option(name: .shortAndLong, help: "The namespace (default: default).") var namespace: String?

    func validate() throws { try InstanceSwitch.check(kind) }

    func run() async throws {
        try await InstanceSwitch.set(running: true, name: name, namespace: namespace, global: global)
        print("instance.fermi.dev/\(name) started")
    }
}

/// `fermi stop instance NAME`: releases a running instance's GPUs and cores, keeping its files.
struct StopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop an instance: its GPUs and cores are released, its storage kept.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "instance") var kind: String
    @Argument(help: "The instance's name.") var name: String
    @Option(name: .shortAndLong, help: "The namespace (default: default).") var namespace: String?

    func validate() throws { try InstanceSwitch.check(kind) }

    func run() async throws {
        try await InstanceSwitch.set(running: false, name: name, namespace: namespace, global: global)
        print("instance.fermi.dev/\(name) stopped")
    }
}

/// What `start` and `stop` share: they turn an instance's `running` on or off.
enum InstanceSwitch {
    static func check(_ kind: String) throws {
        guard ["instance", "instances", "inst"].contains(kind.lowercased()) else {
            throw ValidationError("only instances start and stop, not \(kind)")
        }
    }

    static func set(running: Bool, name: String, namespace: String?, global: GlobalOptions) async throws {
        let server = try await global.openAPI()
        var instance = try await server.get(Instance.self, namespace: namespace ?? "default", name: name)
        instance.spec.running = running
        if running {
            var annotations = instance.metadata.annotations ?? [:]
            annotations[LifetimeAnnotations.lastActivity] = "\(Timestamp(server.currentTime()))"
            instance.metadata.annotations = annotations
        }
        _ = try await server.update(instance)
    }
}
