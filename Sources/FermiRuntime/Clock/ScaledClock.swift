import Foundation

/// Wall time, optionally sped up: with a scale of 60 a simulated minute passes every real
/// second (`fermi up --time-scale 60`). A scale of 1 is the wall clock.
public struct ScaledClock: ControlClock {
    /// Simulated seconds per real second.
    public let scale: Double
    private let origin: EpochInstant
    private let realOrigin: ContinuousClock.Instant

    /// A clock that starts at `start` (the wall time now, by default) and runs `scale` times
    /// faster than real time.
    public init(scale: Double = 1, start: EpochInstant = EpochInstant(Date())) {
        precondition(scale > 0, "a clock's scale must be positive")
        self.scale = scale
        self.origin = start
        self.realOrigin = ContinuousClock.now
    }

    /// The wall clock: real time, unscaled.
    public static var wall: ScaledClock { ScaledClock() }

    public var now: EpochInstant {
        origin.advanced(by: (ContinuousClock.now - realOrigin) * scale)
    }

    public var minimumResolution: Duration {
        ContinuousClock().minimumResolution * scale
    }

    public func sleep(until deadline: EpochInstant, tolerance: Duration? = nil) async throws {
        try await ContinuousClock().sleep(until: realInstant(of: deadline), tolerance: nil)
    }

    public func schedule(at deadline: EpochInstant, _ action: @escaping @Sendable () -> Void) -> TimerHandle {
        let task = Task {
            try? await sleep(until: deadline)
            guard !Task.isCancelled else { return }
            action()
        }
        return TimerHandle { task.cancel() }
    }

    private func realInstant(of instant: EpochInstant) -> ContinuousClock.Instant {
        realOrigin.advanced(by: origin.duration(to: instant) / scale)
    }
}
