import Foundation

/// Katib's stdout metrics collector, as the simulated kubelet plays it: the `name=value`
/// pairs (a numeric value) a container printed, the latest value of each. The kubelet
/// records them on the pod when it ends, where sweeps read their trials' objective.
enum MetricsCollector {
    /// The latest value of each metric `lines` report.
    static func latest(in lines: [String]) -> [String: String] {
        var metrics: [String: String] = [:]
        for line in lines {
            for token in line.split(whereSeparator: { $0 == " " || $0 == "|" || $0 == "," }) {
                let parts = token.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, isMetricName(parts[0]), Double(parts[1]) != nil else { continue }
                metrics[String(parts[0])] = String(parts[1])
            }
        }
        return metrics
    }

    private static func isMetricName(_ name: Substring) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }
}
