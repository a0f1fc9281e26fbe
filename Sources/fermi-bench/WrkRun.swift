import Foundation

/// One run of wrk, the HTTP load generator (a process of its own, on loopback): what it
/// measured, read from its `--latency` report.
struct WrkRun {
    var requestsPerSecond: Double
    var p50Milliseconds: Double
    var p99Milliseconds: Double
    var requests: Int
    /// Answers that were not 2xx or 3xx: any makes the run worthless.
    var failedResponses: Int

    /// Runs wrk against `url` for `seconds` over `connections` connections and `threads`
    /// threads, with `headers`, and `script` (Lua) deciding each request when given.
    static func run(
        url: String, connections: Int, threads: Int, seconds: Int, headers: [String], script: String? = nil, scriptArguments: [String] = []
    ) throws -> WrkRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["wrk", "--latency", "-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s"]
        for header in headers { arguments += ["-H", header] }
        if let script { arguments += ["-s", script] }
        arguments.append(url)
        if !scriptArguments.isEmpty { arguments += ["--"] + scriptArguments }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let run = parse(text) else { throw BenchCommandError.failed(arguments, text) }
        return run
    }

    /// The figures of wrk's report: `Requests/sec:`, the latency distribution's 50% and 99%
    /// lines, `N requests in`, and `Non-2xx or 3xx responses:`.
    static func parse(_ text: String) -> WrkRun? {
        var rate: Double?
        var p50: Double?
        var p99: Double?
        var requests = 0
        var failed = 0
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if line.hasPrefix("Requests/sec:"), fields.count == 2 { rate = Double(fields[1]) }
            if fields.count == 2, fields[0] == "50%" { p50 = milliseconds(fields[1]) }
            if fields.count == 2, fields[0] == "99%" { p99 = milliseconds(fields[1]) }
            if fields.count > 2, fields[1] == "requests", fields[2] == "in" { requests = Int(fields[0]) ?? 0 }
            if line.hasPrefix("Non-2xx or 3xx responses:") { failed = Int(fields.last ?? "") ?? 0 }
        }
        guard let rate, let p50, let p99 else { return nil }
        return WrkRun(requestsPerSecond: rate, p50Milliseconds: p50, p99Milliseconds: p99, requests: requests, failedResponses: failed)
    }

    /// `812.00us`, `3.41ms` or `1.02s` in milliseconds.
    static func milliseconds(_ text: String) -> Double? {
        for (unit, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }
}
