import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation

/// `fermi compare pytorchjobs A B ...`: training jobs side by side, one column each — how each
/// went (state, progress, loss, restarts, time) and the parameters each ran with.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare training jobs side by side: how each went and the parameters it ran with.")

    @OptionGroup var global: GlobalOptions
    @Option(name: [.short, .long], help: "The jobs' namespace.") var namespace = "default"
    @Argument(help: "pytorchjobs") var kind: String
    @Argument(help: "The jobs to compare.") var names: [String]

    func validate() throws {
        guard ["pytorchjobs", "pytorchjob"].contains(kind) else {
            throw ValidationError("fermi compare compares pytorchjobs, not \(kind)")
        }
        guard !names.isEmpty else { throw ValidationError("name the jobs to compare") }
    }

    func run() async throws {
        let server = try await global.openAPI()
        var jobs: [PyTorchJob] = []
        for name in names { jobs.append(try await server.get(PyTorchJob.self, namespace: namespace, name: name)) }
        print(TextColumns.render(Self.table(jobs)), terminator: "")
    }

    /// The rows: a header of job names, the results, then every parameter any job names.
    static func table(_ jobs: [PyTorchJob]) -> [[String]] {
        func row(_ field: String, _ value: (PyTorchJob) -> String?) -> [String] {
            [field] + jobs.map { value($0) ?? "-" }
        }
        var rows = [["FIELD"] + jobs.map(\.name)]
        rows.append(row("state") { $0.status?.conditions?.last?.type })
        rows.append(row("queue") { $0.spec.runPolicy?.schedulingPolicy?.queue ?? $0.metadata.kueueQueueName })
        rows.append(row("gpus") { String($0.requestedGPUs) })
        rows.append(row("progress") { $0.status?.progress })
        rows.append(row("loss") { $0.status?.loss })
        rows.append(row("restarts") { $0.status?.restarts.map(String.init) })
        rows.append(row("checkpoint") { $0.status?.checkpoint })
        rows.append(row("lost work") { $0.status?.lostWork })
        rows.append(row("throughput") { $0.status?.throughput })
        rows.append(row("gpu-hours") { $0.status?.gpuHours })
        rows.append(row("cost") { $0.status?.cost })
        rows.append(row("runs") { $0.status?.runs.map { String($0.count) } })
        rows.append(row("training time") { job in
            guard let start = job.status?.startTime, let end = job.status?.completionTime else { return nil }
            return "\(end.secondsSince1970 - start.secondsSince1970)s"
        })
        let parameters = jobs.map(\.trainerParameters)
        for name in Set(parameters.flatMap(\.keys)).sorted() {
            rows.append(["param \(name)"] + parameters.map { $0[name] ?? "-" })
        }
        return rows
    }
}
