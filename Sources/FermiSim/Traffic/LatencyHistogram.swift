import Foundation

/// Request latencies counted in logarithmic buckets (about 5% wide, from 1 ms to over 10
/// minutes), so windows of any number of requests merge and give percentiles in constant
/// space.
struct LatencyHistogram: Sendable, Equatable {
    private static let growth = 1.05
    private static let smallest = 0.001
    private static let bucketCount = 280

    private var counts = [Int](repeating: 0, count: bucketCount)
    private(set) var total = 0

    mutating func record(_ seconds: Double) {
        counts[Self.bucket(of: seconds)] += 1
        total += 1
    }

    mutating func add(_ other: LatencyHistogram) {
        guard other.total > 0 else { return }
        for index in counts.indices { counts[index] += other.counts[index] }
        total += other.total
    }

    /// The latency below which `fraction` of the requests fell (the bucket's upper edge);
    /// nil with no requests.
    func percentile(_ fraction: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = Int((Double(total) * fraction).rounded(.up))
        var seen = 0
        for (index, count) in counts.enumerated() {
            seen += count
            if seen >= max(1, rank) { return Self.smallest * pow(Self.growth, Double(index + 1)) }
        }
        return nil
    }

    private static func bucket(of seconds: Double) -> Int {
        guard seconds > smallest else { return 0 }
        return min(bucketCount - 1, Int(log(seconds / smallest) / log(growth)))
    }
}
