import Foundation
import Synchronization

/// Wakes watchers when the store's revision moves past the one they have seen.
///
/// Local commits advance it directly. When `poll` is given (the SQLite backend, whose file other
/// processes write too), a single loop reads the revision every `pollInterval` while anyone is
/// waiting, so one process's watchers share one cheap query however many there are.
final class RevisionSignal: Sendable {
    typealias RevisionReader = @Sendable () async throws -> Int64

    private struct Waiter {
        var after: Int64
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var latest: Int64 = 0
        var waiters: [UInt64: Waiter] = [:]
        var nextWaiterID: UInt64 = 0
        var polling = false
    }

    private let state = Mutex(State())
    private let poll: RevisionReader?
    private let pollInterval: Duration

    init(poll: RevisionReader? = nil, pollInterval: Duration = .milliseconds(5)) {
        self.poll = poll
        self.pollInterval = pollInterval
    }

    /// Records that the store has reached `revision`, waking everyone waiting for less.
    func advance(to revision: Int64) {
        let woken = state.withLock { state -> [Waiter] in
            guard revision > state.latest else { return [] }
            state.latest = revision
            let due = state.waiters.filter { $0.value.after < revision }
            for id in due.keys { state.waiters[id] = nil }
            return Array(due.values)
        }
        for waiter in woken { waiter.continuation.resume() }
    }

    /// Returns once the store's revision is past `revision`, or when the task is cancelled.
    func wait(untilPast revision: Int64) async {
        let id = state.withLock { state in
            defer { state.nextWaiterID += 1 }
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let startPolling = state.withLock { state -> Bool? in
                    guard state.latest <= revision, !Task.isCancelled else { return nil }
                    state.waiters[id] = Waiter(after: revision, continuation: continuation)
                    defer { state.polling = true }
                    return !state.polling
                }
                switch startPolling {
                case nil: continuation.resume()
                case true?: startPollLoop()
                case false?: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
    }

    private func startPollLoop() {
        guard let poll else { return }
        // The loop lives only while someone waits: it ends itself when the last waiter leaves.
        Task { [pollInterval] in
            while self.keepPolling() {
                try? await Task.sleep(for: pollInterval)
                if let revision = try? await poll() {
                    self.advance(to: revision)
                }
            }
        }
    }

    private func keepPolling() -> Bool {
        state.withLock { state in
            state.polling = !state.waiters.isEmpty
            return state.polling
        }
    }
}
