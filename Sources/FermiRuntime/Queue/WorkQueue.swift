import Synchronization

/// A work queue with client-go's contract: a key added again before it is processed is
/// processed once; a key is never handed to two workers at once (added while it is being
/// processed, it comes back after `done`); failures come back after a per-key exponential
/// backoff; delayed adds wait on the controller's clock.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    private struct State {
        /// Keys ready to be handed out, in order.
        var ready: [Key] = []
        var readyStart = 0
        /// Keys that need processing: the ready ones, and processing ones added again.
        var dirty: Set<Key> = []
        /// Keys a worker holds.
        var processing: Set<Key> = []
        /// Workers waiting for a key, in arrival order.
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Key?, Never>)] = []
        var nextWaiterID: UInt64 = 0
        /// Delayed adds not yet due: each key once, at its earliest deadline.
        var delayed: [Key: (deadline: EpochInstant, timer: TimerHandle)] = [:]
        var backoff: ExponentialBackoff<Key>
        var isShutDown = false

        var readyCount: Int { ready.count - readyStart }

        /// Makes `key` ready: straight to a waiting worker (returned, to be resumed outside the
        /// lock), or onto the ready list.
        mutating func makeReady(_ key: Key) -> (CheckedContinuation<Key?, Never>, Key)? {
            guard !waiters.isEmpty else {
                ready.append(key)
                return nil
            }
            let waiter = waiters.removeFirst()
            dirty.remove(key)
            processing.insert(key)
            return (waiter.continuation, key)
        }

        mutating func popReady() -> Key {
            let key = ready[readyStart]
            readyStart += 1
            if readyStart > 1024, readyStart * 2 > ready.count {
                ready.removeFirst(readyStart)
                readyStart = 0
            }
            return key
        }
    }

    private let state: Mutex<State>
    private let clock: any ControlClock
    private let activity: ActivitySignal?

    /// A queue whose delays run on `clock`; `activity` hears of every change, for settling.
    public init(
        clock: any ControlClock, backoff: ExponentialBackoff<Key> = ExponentialBackoff(),
        activity: ActivitySignal? = nil
    ) {
        self.state = Mutex(State(backoff: backoff))
        self.clock = clock
        self.activity = activity
    }

    /// Marks `key` as needing processing.
    public func add(_ key: Key) {
        let handOff = state.withLock { state -> (CheckedContinuation<Key?, Never>, Key)? in
            guard !state.isShutDown, state.dirty.insert(key).inserted else { return nil }
            if state.processing.contains(key) { return nil }
            return state.makeReady(key)
        }
        if let (continuation, key) = handOff { continuation.resume(returning: key) }
        activity?.signal()
    }

    /// Adds `key` once `delay` has passed on the clock; a key already waiting keeps the
    /// earlier of its two deadlines.
    public func add(_ key: Key, after delay: Duration) {
        guard delay > .zero else { return add(key) }
        let deadline = clock.now.advanced(by: delay)
        // The deadline is recorded before the timer exists, so a timer that fires at once
        // still finds it.
        let replaced = state.withLock { state -> TimerHandle?? in
            guard !state.isShutDown else { return nil }
            let previous = state.delayed[key]
            if let previous, previous.deadline <= deadline { return nil }
            state.delayed[key] = (deadline, TimerHandle {})
            return .some(previous?.timer)
        }
        guard let replaced else { return }
        replaced?.cancel()
        let timer = clock.schedule(at: deadline) { [weak self] in
            guard let self else { return }
            let due = self.state.withLock { state -> Bool in
                guard let waiting = state.delayed[key], waiting.deadline == deadline else { return false }
                state.delayed[key] = nil
                return true
            }
            if due { self.add(key) }
        }
        state.withLock { state in
            if let waiting = state.delayed[key], waiting.deadline == deadline {
                state.delayed[key] = (deadline, timer)
            }
        }
        activity?.signal()
    }

    /// Cancels a delayed add of `key` that is still waiting.
    public func cancelDelayed(_ key: Key) {
        let waiting = state.withLock { $0.delayed.removeValue(forKey: key) }
        waiting?.timer.cancel()
    }

    /// Adds `key` after its backoff: the failures of a key in a row wait longer and longer.
    public func addRateLimited(_ key: Key) {
        let delay = state.withLock { $0.backoff.nextDelay(for: key) }
        add(key, after: delay)
    }

    /// Forgets `key`'s failures: its next failure waits the base delay again.
    public func forget(_ key: Key) {
        state.withLock { $0.backoff.forget(key) }
    }

    /// How many times in a row `key` has failed.
    public func failureCount(of key: Key) -> Int {
        state.withLock { $0.backoff.failureCount(of: key) }
    }

    /// The next key to process, waiting for one; nil once the queue is shut down (or the
    /// waiting task cancelled). The caller must call `done` with it when finished.
    public func next() async -> Key? {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                let immediate = state.withLock { state -> Key?? in
                    if state.readyCount > 0 {
                        let key = state.popReady()
                        state.dirty.remove(key)
                        state.processing.insert(key)
                        return .some(key)
                    }
                    if state.isShutDown || Task.isCancelled { return .some(nil) }
                    state.waiters.append((id, continuation))
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Key?, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Marks `key` as processed; if it was added meanwhile, it is ready again.
    public func done(_ key: Key) {
        let handOff = state.withLock { state -> (CheckedContinuation<Key?, Never>, Key)? in
            state.processing.remove(key)
            guard state.dirty.contains(key) else { return nil }
            return state.makeReady(key)
        }
        if let (continuation, key) = handOff { continuation.resume(returning: key) }
        activity?.signal()
    }

    /// Whether no key is ready or being processed (delayed keys wait on the clock).
    public var isIdle: Bool {
        state.withLock { $0.readyCount == 0 && $0.processing.isEmpty }
    }

    /// Keys ready to be processed now.
    public var readyCount: Int {
        state.withLock { $0.readyCount }
    }

    /// Keys waiting on the clock for a delayed add.
    public var delayedCount: Int {
        state.withLock { $0.delayed.count }
    }

    /// Stops the queue: waiting workers get nil, and adds are ignored from now on.
    public func shutDown() {
        let waiters = state.withLock { state in
            state.isShutDown = true
            for (_, waiting) in state.delayed { waiting.timer.cancel() }
            state.delayed = [:]
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume(returning: nil) }
        activity?.signal()
    }
}
