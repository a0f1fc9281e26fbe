import FermiAPI

/// The live figures of inference services as `fermi describe` and `fermi top` print them,
/// from their ServingMetrics.
enum ServingSummary {
    /// The `Serving:` section `describe inferenceservice` prints before the Events: totals,
    /// rate, latency, errors, replicas and cost; each revision's share and load; each zone's
    /// traffic; and the figures over time.
    static func section(_ figures: ServingMetricsStatus) -> String {
        var text = "Serving:\n"
        let lines: [(String, String)] = [
            ("Requests", "\(figures.requests ?? 0) (\(figures.errors ?? 0) failed)"),
            ("Requests/s", figures.rps ?? "0"),
            ("Latency", "p50 \(figures.latencyP50 ?? "-"), p99 \(figures.latencyP99 ?? "-")"),
            ("Error Rate", figures.errorRate ?? "0.00%"),
            ("Ready Replicas", String(figures.readyReplicas ?? 0)),
            ("Cost", figures.cost ?? "0"),
        ]
        let width = lines.map(\.0.count).max() ?? 0
        for (label, value) in lines { text += "  \(label):" + String(repeating: " ", count: width - label.count + 2) + value + "\n" }
        var revisions = [["REVISION", "TRAFFIC", "REQUESTS", "READY", "WAITING", "CONCURRENCY(60s/6s)", "RPS(60s)"]]
        for revision in figures.revisions ?? [] {
            revisions.append([
                revision.name ?? "", "\(revision.percent ?? 0)%", String(revision.requests ?? 0), String(revision.readyReplicas ?? 0),
                String(revision.pendingRequests ?? 0), "\(revision.stableConcurrency ?? "0")/\(revision.panicConcurrency ?? "0")",
                revision.stableRPS ?? "0",
            ])
        }
        text += indented(TextColumns.render(revisions))
        if let zones = figures.zones, !zones.isEmpty {
            var rows = [["ZONE", "REQUESTS", "SERVED ELSEWHERE", "READY"]]
            for zone in zones {
                rows.append([zone.zone ?? "", String(zone.requests ?? 0), String(zone.servedElsewhere ?? 0), String(zone.readyReplicas ?? 0)])
            }
            text += indented(TextColumns.render(rows))
        }
        if let history = figures.history, !history.isEmpty {
            var rows = [["TIME", "RPS", "READY", "P99", "ERRORS"]]
            // At most 24 rows, spread evenly over the whole history.
            let step = max(1, (history.count + 23) / 24)
            for sample in history.enumerated().filter({ $0.offset % step == 0 || $0.offset == history.count - 1 }).map(\.element) {
                rows.append([
                    sample.time.map { "\($0)" } ?? "", sample.rps ?? "", String(sample.readyReplicas ?? 0), sample.latencyP99 ?? "-",
                    sample.errorRate ?? "",
                ])
            }
            text += "  Over Time:\n" + indented(TextColumns.render(rows), by: 4)
        }
        return text
    }

    /// `fermi top inferenceservices`: a row per service.
    static func rows(_ services: [InferenceService], figures: [String: ServingMetricsStatus], wanted: [String: Int32]) -> [[String]] {
        var rows = [["NAMESPACE", "NAME", "RPS", "P50", "P99", "ERRORS", "REPLICAS", "REQUESTS", "COST"]]
        for service in services {
            let key = "\(service.namespace)/\(service.name)"
            let measured = figures[key]
            rows.append([
                service.namespace, service.name, measured?.rps ?? "0", measured?.latencyP50 ?? "-", measured?.latencyP99 ?? "-",
                measured?.errorRate ?? "-", "\(measured?.readyReplicas ?? 0)/\(wanted[key] ?? 0)", String(measured?.requests ?? 0),
                measured?.cost ?? "0",
            ])
        }
        return rows
    }

    private static func indented(_ text: String, by spaces: Int = 2) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }
}
