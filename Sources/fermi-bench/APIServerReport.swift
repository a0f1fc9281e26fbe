import Foundation

/// The API server benchmark's output: medians of the runs beside their targets, then one
/// line of JSON.
struct APIServerReport {
    let store: String
    let connections: Int
    let seconds: Int
    let gets: [WrkRun]
    let creates: [WrkRun]

    func text() -> String {
        let getRate = median(gets.map(\.requestsPerSecond))
        let getP50 = median(gets.map(\.p50Milliseconds))
        let getP99 = median(gets.map(\.p99Milliseconds))
        let createRate = median(creates.map(\.requestsPerSecond))
        let createP50 = median(creates.map(\.p50Milliseconds))
        let createP99 = median(creates.map(\.p99Milliseconds))
        let rows = [
            ("GET one PyTorchJob", String(format: "%.0f /s", getRate), "≥ 10,000 /s", getRate >= 10_000),
            ("  p50 / p99 latency", String(format: "%.1f / %.1f ms", getP50, getP99), "p99 < 50 ms", getP99 < 50),
            ("create a ConfigMap", String(format: "%.0f /s", createRate), "≥ 2,000 /s", createRate >= 2_000),
            ("  p50 / p99 latency", String(format: "%.1f / %.1f ms", createP50, createP99), "p99 < 50 ms", createP99 < 50),
        ]
        var lines = [
            "apiserver benchmark: fermi serve on the \(store) store, HTTPS with a bearer token, wrk on loopback,",
            "\(connections) connections, median of \(gets.count) runs of \(seconds) s each",
        ]
        for (what, figure, target, met) in rows {
            lines.append("  \(what.padding(toLength: 24, withPad: " ", startingAt: 0)) \(figure.padding(toLength: 20, withPad: " ", startingAt: 0)) target \(target): \(met ? "met" : "NOT met")")
        }
        let json = String(
            format: #"{"benchmark":"apiserver","store":"%@","connections":%d,"get_per_second":%.0f,"get_p50_ms":%.2f,"get_p99_ms":%.2f,"create_per_second":%.0f,"create_p50_ms":%.2f,"create_p99_ms":%.2f}"#,
            store, connections, getRate, getP50, getP99, createRate, createP50, createP99)
        return lines.joined(separator: "\n") + "\n\n" + json
    }
}
