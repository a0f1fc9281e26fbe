import HeapModule
import Synchronization

/// A virtual clock that moves only when told: tests step it with `advance(by:)`, and the
/// discrete-event driver jumps it to the next pending timer when nothing else can happen.
///
/// Timers and sleepers fire in deadline order (ties in the order they were scheduled), each
/// seeing `now` at its own deadline, so a history on this clock is the same on every run.
public final class ManualClock: ControlClock {
    private struct Timer {
        var deadline: EpochInstant
        var action: @Sendable () -> Void
    }

    /// Where a timer stands in the firing order: by deadline, then by when it was scheduled.
    private struct Slot: Comparable {
        var deadline: EpochInstant
        var sequence: UInt64

        static func < (lhs: Slot, rhs: Slot) -> Bool {
            (lhs.deadline, lhs.sequence) < (rhs.deadline, rhs.sequence)
        }
    }

    private struct State {
        var now: EpochInstant
        /// Pending timers by sequence number; a cancelled timer leaves its slot behind in
        /// `order`, skipped when it comes up.
        var timers: [UInt64: Timer] = [:]
        var order = Heap<Slot>()
        var nextSequence: UInt64 = 0

        /// Drops cancelled slots from the front, so `order.min` is a live timer.
        mutating func pruneCancelled() {
            while let first = order.min, timers[first.sequence] == nil { order.removeMin() }
        }
    }

    private let state: Mutex<State>

    /// A clock reading `start` until it is advanced.
    public init(start: EpochInstant = EpochInstant(sinceEpoch: .seconds(1_767_225_600))) {
        state = Mutex(State(now: start))
    }

    public var now: EpochInstant {
        state.withLock { $0.now }
    }

    public var minimumResolution: Duration { .nanoseconds(1) }

    /// The deadline of the earliest pending timer or sleeper, if any.
    public var nextDeadline: EpochInstant? {
        state.withLock { state in
            state.pruneCancelled()
            return state.order.min?.deadline
        }
    }

    /// How many timers and sleepers are waiting.
    public var pendingTimerCount: Int {
        state.withLock { $0.timers.count }
    }

    public func schedule(at deadline: EpochInstant, _ action: @escaping @Sendable () -> Void) -> TimerHandle {
        let due = state.withLock { state -> Bool in
            deadline <= state.now
        }
        if due {
            action()
            return TimerHandle {}
        }
        let sequence = state.withLock { state -> UInt64 in
            defer { state.nextSequence += 1 }
            state.timers[state.nextSequence] = Timer(deadline: deadline, action: action)
            state.order.insert(Slot(deadline: deadline, sequence: state.nextSequence))
            return state.nextSequence
        }
        return TimerHandle { [weak self] in
            _ = self?.state.withLock { $0.timers.removeValue(forKey: sequence) }
        }
    }

    public func sleep(until deadline: EpochInstant, tolerance: Duration? = nil) async throws {
        let resumed = Mutex<CheckedContinuation<Void, any Error>?>(nil)
        let handle = Mutex<TimerHandle?>(nil)
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                resumed.withLock { $0 = continuation }
                let timer = schedule(at: deadline) {
                    resumed.withLock { $0.take() }?.resume()
                }
                handle.withLock { $0 = timer }
                if Task.isCancelled {
                    timer.cancel()
                    resumed.withLock { $0.take() }?.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            handle.withLock { $0 }?.cancel()
            resumed.withLock { $0.take() }?.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration`, firing every timer that falls due on the way.
    public func advance(by duration: Duration) {
        advance(to: now.advanced(by: duration))
    }

    /// Moves time forward to `instant` (never back), firing every timer due by then.
    public func advance(to instant: EpochInstant) {
        while let timer = takeEarliestTimer(dueBy: instant) {
            timer.action()
        }
        state.withLock { state in
            if state.now < instant { state.now = instant }
        }
    }

    /// Jumps to the earliest pending timer and fires every timer due then; false when no
    /// timer is pending, so that nothing more will ever happen on this clock.
    @discardableResult
    public func advanceToNextDeadline() -> Bool {
        guard let deadline = nextDeadline else { return false }
        advance(to: deadline)
        return true
    }

    /// Removes and returns the earliest timer due by `instant`, with `now` moved to its deadline.
    private func takeEarliestTimer(dueBy instant: EpochInstant) -> Timer? {
        state.withLock { state -> Timer? in
            state.pruneCancelled()
            guard let slot = state.order.min, slot.deadline <= instant,
                let timer = state.timers.removeValue(forKey: slot.sequence)
            else { return nil }
            state.order.removeMin()
            if state.now < timer.deadline { state.now = timer.deadline }
            return timer
        }
    }
}
