import ArgumentParser
import FermiAPI
import FermiAPIServer
import FermiStore
import FermiStoreTestSupport
import Foundation

/// `fermi-bench cli`: the `fermi` command as people run it, process start to exit — applying a
/// folder of 10,000 objects, and getting one object and listing every pod in a store of 100,000.
struct CLIBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cli", abstract: "Benchmark `fermi apply` and `fermi get`, process start to exit.")

    @Option(help: "Objects in the folder applied.") var objects = 10_000
    @Option(help: "Objects in the store read from (pods, and a PyTorchJob for every ninth).")
    var storeObjects = 100_000
    @Option(help: "Runs of each command; the median is reported.") var runs = 3
    @Option(help: "Only write the folder applied (DIR/manifests) and the store read from (DIR/read.db), and stop (to profile by hand).")
    var prepareOnly: String?

    func run() async throws {
        if let prepareOnly {
            let directory = URL(fileURLWithPath: prepareOnly)
            try CLIManifests.writeFolder(directory.appendingPathComponent("manifests"), count: objects)
            _ = try await Self.fill(directory.appendingPathComponent("read.db").path, count: storeObjects)
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fermi-cli-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let fermi = try BuildProducts.executable(named: "fermi")

        let folder = directory.appendingPathComponent("manifests")
        try CLIManifests.writeFolder(folder, count: objects)
        var applyTimes: [Double] = []
        for run in 0..<runs {
            progress("apply: \(objects) objects into a new store (run \(run + 1) of \(runs))")
            let store = directory.appendingPathComponent("apply-\(run).db").path
            applyTimes.append(try Self.time(fermi, ["apply", "-f", folder.path, "--store", "sqlite:\(store)"]))
        }

        let storePath = directory.appendingPathComponent("read.db").path
        progress("filling a store with \(storeObjects) objects")
        let jobs = try await Self.fill(storePath, count: storeObjects)
        let target = "finetune-\(jobs / 2)"
        var getTimes: [Double] = []
        for _ in 0..<max(runs, 10) {
            getTimes.append(try Self.time(fermi, ["get", "pytorchjob", target, "-n", "ns-0", "--store", "sqlite:\(storePath)"]))
        }
        var listTimes: [Double] = []
        for run in 0..<runs {
            progress("get pods -A over \(storeObjects) objects (run \(run + 1) of \(runs))")
            listTimes.append(try Self.time(fermi, ["get", "pods", "-A", "--store", "sqlite:\(storePath)"]))
        }
        let report = CLIReport(
            objects: objects, storeObjects: storeObjects, pods: storeObjects - jobs, runs: runs,
            applySeconds: median(applyTimes), getSeconds: median(getTimes), listSeconds: median(listTimes))
        print(report.text())
    }

    /// Wall time of one `fermi` run, output discarded; a failing run fails the benchmark.
    static func time(_ executable: URL, _ arguments: [String]) throws -> Double {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let start = MonotonicTime.nanoseconds()
        try process.run()
        let errorText = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Double(MonotonicTime.nanoseconds() - start) / 1e9
        guard process.terminationStatus == 0 else {
            throw BenchCommandError.failed(["fermi"] + arguments, String(decoding: errorText, as: UTF8.self))
        }
        return seconds
    }

    /// Fills a store with `count` objects straight through the store (as a long-running
    /// cluster would have written them): pods spread over ten namespaces and one PyTorchJob
    /// in ten in `ns-0`. Returns how many PyTorchJobs it wrote.
    static func fill(_ path: String, count: Int) async throws -> Int {
        let store = try SQLiteStore(path: path)
        defer { try? store.close() }
        let pods = Pod.resource
        let jobs = KindRegistry.served.kinds.first { $0.resource.kind == "PyTorchJob" }?.resource
        var written = 0
        var jobCount = 0
        while written < count {
            var batch: [StoreWrite] = []
            for index in written..<min(written + 1000, count) {
                if index % 10 == 0, let jobs {
                    let key = StorageKey.key(of: jobs, namespace: "ns-0", name: "finetune-\(jobCount)")
                    batch.append(.create(key: key, value: CLIManifests.pytorchJobJSON(jobCount, namespace: "ns-0")))
                    jobCount += 1
                } else {
                    let namespace = "ns-\(index % 10)"
                    let key = StorageKey.key(of: pods, namespace: namespace, name: PodDocument.name(index))
                    batch.append(.create(key: key, value: PodDocument.json(index, namespace: namespace)))
                }
            }
            _ = try await store.commit(batch)
            written += batch.count
        }
        return jobCount
    }
}

/// The middle value of `values` (the mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
