/// Durations measured one per operation, with the nearest-rank percentiles the report prints.
struct LatencySamples: Sendable {
    private(set) var durations: [Duration] = []

    var count: Int { durations.count }

    mutating func append(_ duration: Duration) {
        durations.append(duration)
    }

    /// The smallest sample that at least `fraction` of the samples do not exceed.
    func percentile(_ fraction: Double) -> Duration {
        precondition(!durations.isEmpty, "a percentile of no samples")
        let sorted = durations.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
