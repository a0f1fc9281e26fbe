/// What one second of traffic came to: requests, errors, the time requests spent in flight
/// (so concurrency over a window is that time over the window's length) and their latencies.
struct SecondOfTraffic: Sendable {
    var second: Int64
    var requests = 0
    var errors = 0
    var inFlightTime = 0.0
    var latency = LatencyHistogram()
}

/// The last seconds of traffic, one bucket a second, to sum over the autoscaler's stable and
/// panic windows and the figures' one-minute window.
struct TrafficWindow: Sendable {
    /// The longest window kept: ten minutes.
    static let capacity = 600

    private var buckets: [SecondOfTraffic?] = Array(repeating: nil, count: capacity)

    /// Counts one request (or error) of `second` that was in flight for `latency` seconds
    /// (nil: it failed without an answer that counts as a latency).
    mutating func record(_ second: Int64, latency: Double?, error: Bool = false) {
        let slot = Int(second % Int64(Self.capacity))
        if buckets[slot]?.second != second { buckets[slot] = SecondOfTraffic(second: second) }
        // Changed in place: a bucket's histogram is not copied for each request.
        buckets[slot]!.requests += 1
        if error { buckets[slot]!.errors += 1 }
        if let latency {
            buckets[slot]!.inFlightTime += latency
            buckets[slot]!.latency.record(latency)
        }
    }

    /// The seconds from `end - length` up to (not including) `end` that hold traffic.
    func seconds(endingBefore end: Int64, length: Int) -> [SecondOfTraffic] {
        let span = min(length, Self.capacity)
        return (1...max(1, span)).compactMap { back in
            let second = end - Int64(back)
            return buckets[Int(((second % Int64(Self.capacity)) + Int64(Self.capacity)) % Int64(Self.capacity))].flatMap {
                $0.second == second ? $0 : nil
            }
        }
    }

    /// Requests a second, requests in flight on average, errors and latencies over the
    /// `length` seconds before `end`.
    func summary(endingBefore end: Int64, length: Int) -> (rps: Double, concurrency: Double, requests: Int, errors: Int, latency: LatencyHistogram) {
        var requests = 0
        var errors = 0
        var inFlight = 0.0
        var latency = LatencyHistogram()
        for bucket in seconds(endingBefore: end, length: length) {
            requests += bucket.requests
            errors += bucket.errors
            inFlight += bucket.inFlightTime
            latency.add(bucket.latency)
        }
        let span = Double(max(1, length))
        return (Double(requests) / span, inFlight / span, requests, errors, latency)
    }
}
