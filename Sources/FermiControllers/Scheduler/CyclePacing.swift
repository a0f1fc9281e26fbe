import FermiRuntime

/// When the next scheduling cycle may start: at most one per schedule period of the clock, as
/// Volcano's scheduler opens one session a period (its `schedulePeriod`, 1 s by default). A
/// change that comes while the scheduler is idle is decided at once; changes that come while a
/// cycle runs, or within a period of its start, wait for the period's end, so jobs submitted
/// together are decided together in one cycle rather than one cycle per arrival.
struct CyclePacing: Sendable {
    let period: Duration
    private var lastStart: EpochInstant?

    init(period: Duration) {
        self.period = period
    }

    /// How long from `now` until a cycle may start (zero: at once).
    func delay(at now: EpochInstant) -> Duration {
        guard let lastStart else { return .zero }
        let wait = now.duration(to: lastStart.advanced(by: period))
        return wait > .zero ? wait : .zero
    }

    mutating func started(at now: EpochInstant) {
        lastStart = now
    }
}
