import ArgumentParser
import FermiStoreTestSupport
import Foundation

/// `fermi-bench apiserver`: `fermi serve` under load from wrk, a second process on loopback,
/// over HTTPS with a bearer token as kubectl talks to it — GETs of one PyTorchJob, and creates
/// of small ConfigMaps — at 64 concurrent connections.
struct APIServerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apiserver", abstract: "Benchmark fermi serve: GET one object and create small ones, at 64 connections.")

    @Option(help: "Concurrent connections.") var connections = 64
    @Option(help: "wrk threads.") var threads = 2
    @Option(help: "Seconds each run lasts.") var seconds = 10
    @Option(help: "Runs of each load; the median is reported.") var runs = 3
    @Option(help: "The store fermi serve runs on: sqlite (the embedded default) or memory.") var store = "sqlite"

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fermi-apiserver-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let storeArgument = store == "memory" ? "memory:" : "sqlite:\(directory.appendingPathComponent("store.db").path)"

        let job = directory.appendingPathComponent("job.yaml")
        try Self.job.write(to: job, atomically: true, encoding: .utf8)
        let tokenFile = directory.appendingPathComponent("tokens.csv")
        let token = UUID().uuidString
        try "\(token),bench,bench,\"system:masters\"\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let port = 20_000 + Int.random(in: 0..<20_000)
        let fermi = try BuildProducts.executable(named: "fermi")
        let server = try ChildProcess(
            "fermi",
            ["serve", "--listen", "127.0.0.1:\(port)", "--store", storeArgument, "--token-auth-file", tokenFile.path])
        defer { server.killHard() }
        let base = try await Self.waitForServing(server)
        // The object the GETs read goes in through the server, as a client would put it there.
        _ = try CLIBench.time(fermi, ["apply", "-f", job.path, "--server", base, "--token", token, "--insecure-skip-tls-verify"])
        let headers = ["Authorization: Bearer \(token)", "Accept: application/json"]

        var gets: [WrkRun] = []
        var creates: [WrkRun] = []
        let createScript = try Self.createScript(
            in: directory, body: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-%s-%d-%d"},"data":{"key":"value"}}"#,
            path: "/api/v1/namespaces/default/configmaps")
        for run in 0..<runs {
            progress("GET one PyTorchJob, \(connections) connections, \(seconds) s (run \(run + 1) of \(runs))")
            gets.append(try Self.checked(WrkRun.run(
                url: base + "/apis/kubeflow.org/v1/namespaces/default/pytorchjobs/bench", connections: connections, threads: threads,
                seconds: seconds, headers: headers)))
            progress("create ConfigMaps, \(connections) connections, \(seconds) s (run \(run + 1) of \(runs))")
            creates.append(try Self.checked(WrkRun.run(
                url: base, connections: connections, threads: threads, seconds: seconds, headers: headers, script: createScript,
                scriptArguments: ["r\(run)"])))
        }
        let report = APIServerReport(store: store, connections: connections, seconds: seconds, gets: gets, creates: creates)
        print(report.text())
    }

    /// The server's base URL, once it says it is serving.
    static func waitForServing(_ server: ChildProcess) async throws -> String {
        var seen = 0
        while true {
            await server.waitForLines(seen + 1)
            let lines = server.lines
            if lines.count == seen { throw BenchCommandError.failed(["fermi", "serve"], server.errorText) }
            seen = lines.count
            if let line = lines.last(where: { $0.hasPrefix("serving the Kubernetes API on ") }) {
                return String(line.dropFirst("serving the Kubernetes API on ".count))
            }
        }
    }

    /// A run with failed answers measured the errors, not the server: refuse it.
    static func checked(_ run: WrkRun) throws -> WrkRun {
        guard run.failedResponses == 0 else {
            throw BenchCommandError.failed(["wrk"], "\(run.failedResponses) of \(run.requests) answers were not 2xx")
        }
        return run
    }

    /// A wrk script POSTing `body` to `path`: the body is a format given the run's name, the
    /// thread's number and a counter, so every create names a new object.
    static func createScript(in directory: URL, body: String, path: String) throws -> String {
        let quoted = body.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "'", with: "\\'")
        let text = """
            local threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("id", threads)
            end
            local run = "r"
            function init(args)
              if args[1] then run = args[1] end
            end
            local count = 0
            function request()
              count = count + 1
              local body = '\(quoted)'
              body = string.format(body, run, id, count)
              -- wrk.format's headers replace -H's: add the content type to wrk.headers instead.
              wrk.headers["Content-Type"] = "application/json"
              return wrk.format("POST", "\(path)", nil, body)
            end
            """
        let url = directory.appendingPathComponent("create.lua")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The PyTorchJob every GET reads.
    static let job = """
        {"apiVersion":"kubeflow.org/v1","kind":"PyTorchJob","metadata":{"name":"bench","namespace":"default"},"spec":{"pytorchReplicaSpecs":{"Master":{"replicas":1,"restartPolicy":"OnFailure","template":{"spec":{"containers":[{"name":"pytorch","image":"pytorch/pytorch:2.1","resources":{"limits":{"nvidia.com/gpu":"8"}}}]}}},"Worker":{"replicas":3,"restartPolicy":"OnFailure","template":{"spec":{"containers":[{"name":"pytorch","image":"pytorch/pytorch:2.1","resources":{"limits":{"nvidia.com/gpu":"8"}}}]}}}}}}
        """
}
