// fermi-bench holds Fermi's benchmarks. Each runs Fermi beside a peer on the same machine in the
// same run (etcd, for the store), prints a table with the ratios, and ends with one line of JSON.

import ArgumentParser
import FermiStore
import FermiStoreTestSupport
import Foundation

/// `fermi-bench`: Fermi's benchmarks; run them through `hack/bench.sh` on a release build.
@main
struct FermiBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fermi-bench",
        abstract: "Fermi's benchmarks (run them through hack/bench.sh, on a release build).",
        subcommands: [StoreBench.self, CLIBench.self, SimBench.self, SchedulerBench.self, APIServerBench.self])
}

/// `fermi-bench store`: the SQLite store and etcd side by side — durable creates one at a time
/// and in batches, a paged list of 100,000 objects, and watch latency across processes.
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Benchmark the SQLite store against etcd, side by side on this machine.")

    @Option(help: "Objects created one per call, and as many again in batches.")
    var objects = 10_000
    @Option(help: "Creates per batch.")
    var batchSize = 500
    @Option(help: "Objects in the store when listing.")
    var listSize = 100_000
    @Option(help: "Objects per page when listing.")
    var pageSize = 1000
    @Option(help: "Changes another process writes while the benchmark watches.")
    var watchChanges = 1000

    func validate() throws {
        guard objects > 0, batchSize > 0, listSize > 0, pageSize > 0, watchChanges > 0 else {
            throw ValidationError("every count and size must be positive")
        }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("fermi-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        progress("disk: writing 4 KiB blocks with fdatasync in \(directory.path)")
        let fsyncPerSecond = try FsyncRate.measure(in: directory)

        // etcd starts first so that a missing or broken etcd fails the run before it is long.
        let etcdServer = try await LocalEtcd.start()
        defer { etcdServer.stop() }

        let sqliteStore = try SQLiteStore(path: directory.appendingPathComponent("store.db").path)
        defer { try? sqliteStore.close() }
        let sqlite = try await measure(
            "sqlite", sqliteStore, at: .sqlite(path: sqliteStore.path))
        let etcd = try await measure(
            "etcd", EtcdStore(endpoint: etcdServer.endpoint), at: .etcd(endpoint: etcdServer.endpoint))

        let report = BenchReport(
            fsyncPerSecond: fsyncPerSecond, sqlite: sqlite, etcd: etcd,
            workload: BenchReport.Workload(
                objects: objects, objectBytes: PodDocument.averageSize(of: objects),
                batchSize: batchSize, listSize: listSize, pageSize: pageSize,
                watchChanges: watchChanges))
        print(report.text())
    }

    /// Runs every step against one backend, one after another.
    private func measure(_ name: String, _ store: any Store, at location: StoreLocation)
        async throws -> BackendFigures
    {
        let creates = CreateBenchmark(store: store, namespace: "training", batchSize: batchSize)
        progress("\(name): \(objects) creates, one per call")
        let single = try await creates.createOneAtATime(range: 0..<objects)
        progress("\(name): \(objects) creates, \(batchSize) per call")
        let batched = try await creates.createInBatches(range: objects..<(2 * objects))
        progress("\(name): \(listSize) objects in another namespace, listed in pages of \(pageSize)")
        // A namespace of its own holds exactly the objects listed, beside those created above.
        let listed = CreateBenchmark(store: store, namespace: "research", batchSize: batchSize)
        try await listed.fill(range: 0..<listSize)
        let list = try await ListBenchmark(
            store: store, prefix: PodDocument.prefix(namespace: "research"), expectedCount: listSize,
            pageSize: pageSize
        ).medianTime(ofRuns: 3)
        progress("\(name): watching \(watchChanges) changes written by another process")
        let watch = try await WatchLatency(store: store, location: location, changes: watchChanges)
            .measure()
        return BackendFigures(
            singleCreatesPerSecond: single.objectsPerSecond,
            singleCreateLatencies: single.latencies,
            batchedCreatesPerSecond: batched,
            listTime: list,
            watchLatencies: watch)
    }
}

/// Prints a progress line on standard error, so standard output holds only the report.
func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
