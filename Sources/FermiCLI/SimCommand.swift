import ArgumentParser
import FermiAPI
import FermiAPIServer
import FermiSim
import Foundation

/// `fermi sim`: inject faults into the simulated cluster and recover from them.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim", abstract: "Inject faults into the simulated cluster.",
        subcommands: [SimFailCommand.self, SimRecoverCommand.self])
}

/// `fermi sim fail node/NAME|zone/NAME|gpu/NODE/INDEX [--for 30m]`: a Fault that starts now.
struct SimFailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fail", abstract: "Fail a node, a zone or a GPU now (a Fault; fermi up plays it).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "node/NAME, zone/NAME or gpu/NODE/INDEX") var target: String
    @Option(name: .customLong("for"), help: "Recover after this long (a Go duration); by default, on fermi sim recover.")
    var duration: String?

    func run() async throws {
        guard let parsed = FaultTarget(target) else {
            throw ValidationError("a target is node/NAME, zone/NAME or gpu/NODE/INDEX, not \(target)")
        }
        let server = try await global.openAPI()
        try await Self.requireTarget(parsed, in: server)
        var fault = Fault(
            metadata: ObjectMeta(), spec: FaultSpec(target: parsed.description, duration: duration))
        fault.metadata.generateName = "\(target.replacingOccurrences(of: "/", with: "-").lowercased())-"
        fault.metadata.labels = ["fermi.dev/fault-source": "cli"]
        let created = try await server.create(fault)
        print("fault.fermi.dev/\(created.name) created: \(parsed) fails now\(duration.map { " for \($0)" } ?? "")")
    }

    /// Fails with kubectl's words when the node or zone does not exist.
    static func requireTarget(_ target: FaultTarget, in server: any ObjectAPI) async throws {
        do {
            switch target {
            case .node(let name), .gpu(let name, _): _ = try await server.get(Node.self, name: name)
            case .zone(let name): _ = try await server.get(Zone.self, name: name)
            }
        } catch let error as APIError {
            FileHandle.standardError.write(Data("Error from server (NotFound): \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// `fermi sim recover TARGET`: deletes the faults on a target, so it recovers.
struct SimRecoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover", abstract: "Recover a node, zone or GPU: delete the Faults on it.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "node/NAME, zone/NAME or gpu/NODE/INDEX") var target: String

    func run() async throws {
        guard let parsed = FaultTarget(target) else {
            throw ValidationError("a target is node/NAME, zone/NAME or gpu/NODE/INDEX, not \(target)")
        }
        let server = try await global.openAPI()
        let faults = try await server.list(Fault.self).items.filter { fault in
            // Recovering a node recovers its GPUs too.
            guard let other = fault.spec.target.flatMap(FaultTarget.init) else { return false }
            if case .node(let node) = parsed, case .gpu(let gpuNode, _) = other { return node == gpuNode }
            return other == parsed
        }
        guard !faults.isEmpty else {
            print("no faults on \(parsed)")
            return
        }
        for fault in faults {
            try await server.delete(Fault.self, name: fault.name)
            print("fault.fermi.dev/\(fault.name) deleted: \(parsed) recovers")
        }
    }
}
