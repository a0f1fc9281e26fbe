import ArgumentParser
import FermiAPI
import FermiAPIServer
import FermiStore
import FermiStoreTestSupport
import Foundation

/// `fermi-bench sim`: `fermi up --until-idle` over a large simulated cluster — 5,000 nodes and
/// 50,000 pods already bound to them, of varied run times — from start to exit, with its peak
/// memory.
struct SimBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim", abstract: "Benchmark `fermi up --until-idle` on a large simulated cluster.")

    @Option(help: "Nodes in the cluster (pools of 100).") var nodes = 5_000
    @Option(help: "Pods bound to the nodes, spread evenly.") var pods = 50_000
    @Option(help: "Runs; the median wall time and the largest peak memory are reported.") var runs = 1
    @Option(help: "Seed of the pods' run times.") var seed: UInt64 = 1
    @Option(help: "Only write the cluster into a store at this path (to profile fermi up by hand).")
    var fillOnly: String?

    func run() async throws {
        if let fillOnly {
            try await SimCluster.fill(fillOnly, nodes: nodes, pods: pods, seed: seed)
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fermi-sim-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fermi = try BuildProducts.executable(named: "fermi")
        var walls: [Double] = []
        var peaks: [Int] = []
        var simulated = ""
        for run in 0..<runs {
            let store = directory.appendingPathComponent("sim-\(run).db").path
            progress("filling a store with \(nodes) nodes' pools and \(pods) bound pods (run \(run + 1) of \(runs))")
            try await SimCluster.fill(store, nodes: nodes, pods: pods, seed: seed)
            progress("fermi up --until-idle (run \(run + 1) of \(runs))")
            let result = try Self.measure(
                fermi, ["up", "--until-idle", "--quiet", "--stats", "--start", "2026-01-01T00:00:00Z", "--store", "sqlite:\(store)"])
            walls.append(result.seconds)
            peaks.append(result.peakKilobytes)
            simulated = result.output
            progress(result.output.split(separator: "\n").prefix(3).joined(separator: "; "))
            // Where the time went, controller by controller (the busiest of `--stats`).
            progress(result.errors.split(separator: "\n").prefix(9).joined(separator: "\n"))
        }
        let report = SimReport(
            nodes: nodes, pods: pods, runs: runs, wallSeconds: median(walls), peakBytes: (peaks.max() ?? 0) * 1024,
            summary: simulated)
        print(report.text())
    }

    /// Runs `fermi` to its end: wall time, peak resident memory (kB) and what it printed to
    /// standard output and standard error.
    static func measure(_ executable: URL, _ arguments: [String]) throws -> (
        seconds: Double, peakKilobytes: Int, output: String, errors: String
    ) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let start = MonotonicTime.nanoseconds()
        try process.run()
        let outputText = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Double(MonotonicTime.nanoseconds() - start) / 1e9
        guard process.terminationStatus == 0 else {
            throw BenchCommandError.failed(["fermi"] + arguments, String(decoding: errorText, as: UTF8.self))
        }
        // The largest resident set of any child waited for so far: this run's, as runs only grow.
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        return (
            seconds, Int(usage.ru_maxrss), String(decoding: outputText, as: UTF8.self), String(decoding: errorText, as: UTF8.self)
        )
    }
}

/// The benchmark's cluster, written straight into a store as `fermi apply` would leave it.
enum SimCluster {
    static func fill(_ path: String, nodes: Int, pods: Int, seed: UInt64) async throws {
        let store = try SQLiteStore(path: path)
        defer { try? store.close() }
        let created = Timestamp(secondsSince1970: 1_767_225_600)
        var sequence = 0
        func meta(_ name: String, namespace: String? = nil) -> ObjectMeta {
            sequence += 1
            var metadata = ObjectMeta(name: name, namespace: namespace)
            metadata.uid = String(format: "00000000-0000-4000-8000-%012d", sequence)
            metadata.creationTimestamp = created
            metadata.generation = 1
            return metadata
        }
        func write<T: APIObject>(_ object: T, namespace: String = "") -> StoreWrite {
            let value = Data(JSONValue.compactJSONBytes(try! JSONValueEncoder.encode(object)))
            return .create(key: StorageKey.key(of: T.resource, namespace: namespace, name: object.name), value: value)
        }
        var batch: [StoreWrite] = []
        func flush(force: Bool = false) async throws {
            guard force || batch.count >= 1000, !batch.isEmpty else { return }
            _ = try await store.commit(batch)
            batch = []
        }
        var defaultNamespace = Namespace(metadata: meta("default"))
        defaultNamespace.setDefaults()
        batch.append(write(defaultNamespace))
        batch.append(write(Zone(metadata: meta("bench-zone"), spec: ZoneSpec(region: "bench", health: "Healthy"))))
        let pools = (nodes + 99) / 100
        for pool in 0..<pools {
            var nodePool = NodePool(
                metadata: meta("pool-\(pool)"),
                spec: NodePoolSpec(
                    zone: "bench-zone", replicas: Int32(min(100, nodes - pool * 100)),
                    shape: NodeShape(cpu: "64", memory: "256Gi", gpu: NodeGPU(product: "NVIDIA-A100-SXM4-80GB", count: 8, memory: "80Gi")),
                    pricing: NodePoolPricing(perGPUHour: "8.50", perCoreHour: "0.20")))
            nodePool.setDefaults()
            batch.append(write(nodePool))
        }
        var random = SplitMix64(seed: seed)
        for index in 0..<pods {
            let node = index % nodes
            let slot = index / nodes
            var container = Container(name: "main", image: "registry.example.com/train:1")
            // Eight of every ten pods on a node hold a GPU; the rest only cores.
            let gpus = slot % 10 < 8 ? 1 : 0
            var limits: ResourceList = ["cpu": "4", "memory": "16Gi"]
            if gpus > 0 { limits["nvidia.com/gpu"] = Quantity(integer: Int64(gpus)) }
            container.resources = ResourceRequirements(limits: limits)
            var spec = PodSpec(containers: [container], restartPolicy: "Never")
            spec.nodeName = "pool-\(node / 100)-\(node % 100)"
            // Run times from 10 minutes to 6 hours.
            let minutes = 10 + Int(random.next() % 350)
            var metadata = meta("pod-\(index)", namespace: "default")
            metadata.annotations = ["sim.fermi.dev/duration": "\(minutes)m"]
            var pod = Pod(metadata: metadata, spec: spec)
            pod.setDefaults()
            batch.append(write(pod, namespace: "default"))
            try await flush()
        }
        try await flush(force: true)
    }
}

/// The sim benchmark's figures, as a table and one line of JSON.
struct SimReport {
    var nodes: Int
    var pods: Int
    var runs: Int
    var wallSeconds: Double
    var peakBytes: Int
    var summary: String

    /// Simulated hours, read off the summary's first line (`Simulated 6h9m19s (...)`).
    var simulatedHours: Double {
        guard let first = summary.split(separator: "\n").first, let text = first.split(separator: " ").dropFirst().first
        else { return 0 }
        var seconds = 0.0
        var number = ""
        for character in text {
            if character.isNumber { number.append(character); continue }
            let value = Double(number) ?? 0
            number = ""
            switch character {
            case "d": seconds += value * 86400
            case "h": seconds += value * 3600
            case "m": seconds += value * 60
            case "s": seconds += value
            default: break
            }
        }
        return seconds / 3600
    }

    func text() -> String {
        let gib = Double(peakBytes) / 1_073_741_824
        let podsPerSecond = wallSeconds > 0 ? Double(pods) / wallSeconds : 0
        let rows = [
            "fermi up --until-idle: \(nodes) nodes, \(pods) pods (median of \(runs))",
            String(format: "  wall time        %8.2f s     target < 60 s: %@", wallSeconds, wallSeconds < 60 ? "met" : "NOT met"),
            String(format: "  peak memory      %8.2f GiB   target < 2 GiB: %@", gib, gib < 2 ? "met" : "NOT met"),
            String(format: "  pods per second  %8.0f", podsPerSecond),
            String(format: "  simulated        %8.2f h", simulatedHours),
            "",
        ]
        let json = String(
            format: "{\"benchmark\":\"sim\",\"nodes\":%d,\"pods\":%d,\"wall_seconds\":%.3f,\"peak_rss_bytes\":%d,\"pods_per_second\":%.1f,\"simulated_hours\":%.3f}",
            nodes, pods, wallSeconds, peakBytes, podsPerSecond, simulatedHours)
        return rows.joined(separator: "\n") + "\n" + json
    }
}
