import ArgumentParser
import FermiAPI
import FermiAPIServer
import FermiSim
import Foundation

/// `fermi logs POD | KIND/NAME`: what a pod's containers wrote, as the simulation makes them.
struct LogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Print a pod's logs (for KIND/NAME, the first pod it owns).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "POD, or KIND/NAME of a workload") var target: String
    @Option(name: .shortAndLong, help: "The namespace (default: the kubeconfig context's, else default).") var namespace: String?
    @Flag(name: .shortAndLong, help: "Keep printing new lines until the pod ends.") var follow = false
    @Flag(name: .shortAndLong, help: "The logs of the run before the current one.") var previous = false

    func run() async throws {
        let server = try await global.openAPI()
        let namespace = try global.namespace(self.namespace)
        var pod = try await resolvePod(server, namespace: namespace)
        var printed = 0
        while true {
            let now = try await global.openAPI().currentTime()
            let lines = PodLogs.lines(of: pod, now: now, previous: previous)
            for line in lines.dropFirst(printed) { print(line) }
            printed = max(printed, lines.count)
            guard follow, !pod.hasEnded else { return }
            fflush(nil)
            try await Task.sleep(for: .seconds(1))
            pod = try await server.get(Pod.self, namespace: namespace, name: pod.name)
        }
    }

    /// The pod named, or the first pod (by name) that a workload named KIND/NAME controls.
    private func resolvePod(_ server: any ObjectAPI, namespace: String) async throws -> Pod {
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 1 || ["pod", "pods", "po"].contains(parts[0].lowercased()) {
            return try await server.get(Pod.self, namespace: namespace, name: parts.last ?? target)
        }
        let kind = try KindRegistry.served.type(named: parts[0]).resource.kind
        let owned = try await server.list(Pod.self, namespace: namespace).items.filter { pod in
            pod.metadata.ownerReferences?.contains { $0.kind == kind && $0.name == parts[1] } == true
        }.sorted { $0.name < $1.name }
        guard let first = owned.first else {
            throw ValidationError("no pods found for \(parts[0])/\(parts[1]) in \(namespace)")
        }
        if owned.count > 1 {
            FileHandle.standardError.write(Data("Found \(owned.count) pods, using pod/\(first.name)\n".utf8))
        }
        return first
    }
}
