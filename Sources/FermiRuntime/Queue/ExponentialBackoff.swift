/// Per-key exponential backoff, as client-go's item failure rate limiter: the n-th failure in
/// a row of a key waits `base × 2ⁿ⁻¹`, never more than `cap`; success forgets the count.
public struct ExponentialBackoff<Key: Hashable>: Sendable where Key: Sendable {
    public var base: Duration
    public var cap: Duration
    private var failures: [Key: Int] = [:]

    /// client-go's defaults: 5 ms doubling to 1000 s.
    public init(base: Duration = .milliseconds(5), cap: Duration = .seconds(1000)) {
        self.base = base
        self.cap = cap
    }

    /// Records one more failure of `key` and returns how long it should wait.
    public mutating func nextDelay(for key: Key) -> Duration {
        let count = failures[key, default: 0]
        failures[key] = count + 1
        // Beyond 2^40 × 5 ms every cap anyone sets is passed; stop doubling before overflow.
        guard count < 40 else { return cap }
        return min(base * (1 << count), cap)
    }

    /// How many failures in a row `key` has had.
    public func failureCount(of key: Key) -> Int {
        failures[key, default: 0]
    }

    /// Forgets `key`'s failures, after it succeeded.
    public mutating func forget(_ key: Key) {
        failures[key] = nil
    }
}
