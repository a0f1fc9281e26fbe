/// The clock controllers read time from and wait on: wall, scaled wall, manual or
/// discrete-event. Nothing in a controller reads the system clock; it asks this.
///
/// Besides `Clock`'s `sleep`, a control clock runs timers: `schedule` registers the timer
/// before it returns, so a virtual clock always knows every pending timer when it decides
/// where to jump next.
public protocol ControlClock: Clock, Sendable where Instant == EpochInstant, Duration == Swift.Duration {
    /// Runs `action` once the clock reaches `deadline` (at once if it has); the timer is
    /// cancelled when the returned handle is.
    @discardableResult
    func schedule(at deadline: EpochInstant, _ action: @escaping @Sendable () -> Void) -> TimerHandle
}

extension ControlClock {
    /// Runs `action` once `delay` has passed on this clock.
    @discardableResult
    public func schedule(after delay: Duration, _ action: @escaping @Sendable () -> Void) -> TimerHandle {
        schedule(at: now.advanced(by: delay), action)
    }
}

/// A scheduled timer, which may be cancelled before it fires.
public struct TimerHandle: Sendable {
    private let cancellation: @Sendable () -> Void

    public init(cancel: @escaping @Sendable () -> Void) {
        self.cancellation = cancel
    }

    /// Stops the timer if it has not fired yet.
    public func cancel() {
        cancellation()
    }
}
