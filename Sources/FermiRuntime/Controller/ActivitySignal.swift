import Synchronization

/// Tells whoever waits for a controller manager to settle that something changed: a key was
/// queued or finished, or the informers moved on.
public final class ActivitySignal: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// How many changes there have been so far.
    public var generation: UInt64 {
        state.withLock { $0.generation }
    }

    /// Records a change and wakes everyone waiting for one.
    public func signal() {
        let waiters = state.withLock { state in
            state.generation += 1
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once there has been a change after `generation`.
    public func wait(after generation: UInt64) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state -> Bool in
                guard state.generation <= generation else { return true }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}
