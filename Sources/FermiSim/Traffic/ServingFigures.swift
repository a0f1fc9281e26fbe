import FermiAPI
import Foundation

/// The figures a service's ServingMetrics publishes, measured from its simulated traffic:
/// totals, the last minute's rate, latency percentiles and error rate, and per revision the
/// load over the autoscaler's stable and panic windows (requests held by the activator count
/// as in flight, as Knative's activator reports them).
enum ServingFigures {
    /// The window the service's own rate, latency and errors are measured over.
    static let window = 60
    /// How often the history takes a sample.
    static let sampleEvery: Int64 = 60
    /// How long published figures may go unchanged before they are written again anyway.
    static let republishAfter: Int64 = 30

    static func measure(_ traffic: ServiceTraffic, inputs: ServiceTraffic.Inputs, revisions: [Revision], now: Int64) -> ServingMetricsStatus {
        var traffic = traffic
        let time = Double(now)
        var status = ServingMetricsStatus(time: timestamp(now))
        status.requests = traffic.requests
        status.errors = traffic.errors
        status.cost = PodUsage.text(traffic.cost, places: 2)
        let recent = traffic.window.summary(endingBefore: now, length: window)
        status.rps = decimal(recent.rps, places: 1)
        status.latencyP50 = recent.latency.percentile(0.5).map(latencyText)
        status.latencyP99 = recent.latency.percentile(0.99).map(latencyText)
        status.errorRate = recent.requests > 0 ? String(format: "%.2f%%", 100 * Double(recent.errors) / Double(recent.requests)) : "0.00%"
        status.readyReplicas = Int32(inputs.replicas.filter(\.ready).count)
        let percents = Dictionary(inputs.routes.map { ($0.revision, $0.percent) }, uniquingKeysWith: { first, _ in first })
        let names = Set(revisions.map(\.name)).union(percents.keys).sorted()
        status.revisions = names.map { name in
            let settings = AutoscalingSettings(annotations: revisions.first { $0.name == name }?.metadata.annotations)
            let counts = traffic.revisions[name] ?? ServiceTraffic.RevisionCounts()
            let held = Double(counts.pending.count)
            let stable = counts.window.summary(endingBefore: now, length: Int(settings.stableWindow.components.seconds))
            let panic = counts.window.summary(endingBefore: now, length: max(1, Int(settings.panicWindow.components.seconds)))
            let replicas = inputs.replicas.filter { $0.revision == name }
            var revision = RevisionTraffic(name: name, percent: percents[name].map(Int64.init) ?? 0)
            revision.requests = counts.requests
            revision.errors = counts.errors
            revision.readyReplicas = Int32(replicas.filter(\.ready).count)
            revision.pendingRequests = Int64(counts.pending.count)
            revision.stableConcurrency = decimal(stable.concurrency + held, places: 2)
            revision.panicConcurrency = decimal(panic.concurrency + held, places: 2)
            revision.stableRPS = decimal(stable.rps, places: 2)
            revision.panicRPS = decimal(panic.rps, places: 2)
            // CPU follows how busy the replicas' slots are; memory holds the model and grows a
            // little with the requests in flight.
            let slots = Double(max(1, replicas.filter(\.ready).count * (inputs.capacity[name] ?? 16)))
            let busy = min(1, stable.concurrency / slots)
            revision.cpuUtilization = decimal(100 * busy, places: 1)
            revision.memoryUtilization = decimal(30 + 50 * busy, places: 1)
            revision.replicas = replicas.map { replica in
                ReplicaTraffic(
                    pod: replica.pod, zone: replica.zone, ready: replica.ready, requests: traffic.requests(ofReplica: replica.pod),
                    inFlight: Int64(traffic.outstanding(ofReplica: replica.pod, at: time)))
            }
            return revision
        }
        let zones = Set(inputs.origins.map(\.zone)).union(traffic.zoneRequests.keys).sorted()
        status.zones = zones.isEmpty ? nil : zones.map { zone in
            ZoneTraffic(
                zone: zone, requests: traffic.zoneRequests[zone] ?? 0, servedElsewhere: traffic.zoneServedElsewhere[zone] ?? 0,
                readyReplicas: Int32(inputs.replicas.filter { $0.ready && $0.zone == zone }.count))
        }
        return status
    }

    /// `history` with a sample of `figures` added when a minute has passed since the last,
    /// every other sample dropped when it is full (so it spans the whole time, thinner).
    static func history(_ history: [ServingSample]?, adding figures: ServingMetricsStatus, now: Int64) -> [ServingSample]? {
        var samples = history ?? []
        if let last = samples.last?.time?.secondsSince1970, now - last < sampleEvery { return history }
        guard (figures.requests ?? 0) > 0 || !samples.isEmpty else { return history }
        if samples.count >= ServingSample.limit { samples = samples.enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element) }
        samples.append(
            ServingSample(
                time: timestamp(now), rps: figures.rps, readyReplicas: figures.readyReplicas, latencyP99: figures.latencyP99,
                errorRate: figures.errorRate))
        return samples
    }

    /// Whether `figures` differ enough from those last `published` to write them: anything
    /// the autoscaler acts on moved, or they have gone unwritten for a while.
    static func isWorthPublishing(_ figures: ServingMetricsStatus, over published: ServingMetricsStatus?, now: Int64) -> Bool {
        guard let published, let then = published.time?.secondsSince1970 else { return true }
        if now - then >= republishAfter && (figures.requests != published.requests || figures.cost != published.cost) { return true }
        // What changes the picture is published at once: replicas, routes, requests waiting.
        if figures.readyReplicas != published.readyReplicas || figures.history?.count != published.history?.count
            || figures.loadStartedAt != published.loadStartedAt
        {
            return true
        }
        let before = Dictionary((published.revisions ?? []).map { ($0.name ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        if (figures.revisions ?? []).count != before.count { return true }
        for revision in figures.revisions ?? [] {
            guard let old = before[revision.name ?? ""] else { return true }
            if old.readyReplicas != revision.readyReplicas || old.percent != revision.percent { return true }
            if (old.pendingRequests ?? 0 > 0) != (revision.pendingRequests ?? 0 > 0) { return true }
        }
        // Load that moved, at the autoscaler's tick of 2 s at most (as Knative's scrapes).
        guard now - then >= autoscalerTick else { return false }
        for revision in figures.revisions ?? [] {
            guard let old = before[revision.name ?? ""] else { continue }
            for (new, previous) in [
                (revision.panicConcurrency, old.panicConcurrency), (revision.stableConcurrency, old.stableConcurrency),
                (revision.panicRPS, old.panicRPS), (revision.stableRPS, old.stableRPS),
            ] where moved(new, from: previous) {
                return true
            }
        }
        return false
    }

    /// How often moving load is published: the KPA's tick.
    static let autoscalerTick: Int64 = 2

    /// Whether a figure moved by a tenth (and by more than a little).
    private static func moved(_ new: String?, from old: String?) -> Bool {
        let a = new.flatMap(Double.init) ?? 0
        let b = old.flatMap(Double.init) ?? 0
        if (a == 0) != (b == 0) { return true }
        return abs(a - b) > max(0.5, 0.1 * max(a, b))
    }

    private static func timestamp(_ second: Int64) -> Timestamp {
        Timestamp(Date(timeIntervalSince1970: TimeInterval(second)))
    }

    private static func decimal(_ value: Double, places: Int) -> String {
        String(format: "%.\(places)f", value)
    }

    /// A latency as people read it: `42ms`, `1.35s`.
    static func latencyText(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded()))ms" : String(format: "%.2fs", seconds)
    }
}
