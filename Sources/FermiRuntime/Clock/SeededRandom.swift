/// A small deterministic generator (SplitMix64) seeded from the run's seed and a salt, so the
/// same seed gives the same draws in every process and on every run.
public struct SeededRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64, salt: String) {
        state = seed ^ FNV1a.value(salt)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A draw in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
