import Synchronization

/// Commits waiting for the SQLite store's next transaction, and whether a writer task is
/// writing transactions now (the leader, which takes every waiting commit into the next one).
struct CommitQueue {
    var waiting: [CommitRequest] = []
    var leading = false
}

/// One `commit` call waiting for its transaction: its writes, and its outcome once known.
final class CommitRequest: Sendable {
    let writes: [StoreWrite]
    private let state = Mutex<(outcome: Result<CommitResult, any Error>?, waiter: CheckedContinuation<CommitResult, any Error>?)>((nil, nil))

    init(_ writes: [StoreWrite]) {
        self.writes = writes
    }

    /// Settles the call.
    func resolve(_ outcome: Result<CommitResult, any Error>) {
        let waiter = state.withLock { state in
            state.outcome = outcome
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: outcome)
    }

    /// The outcome, waiting for it if needed.
    func outcome() async throws -> CommitResult {
        try await withCheckedThrowingContinuation { continuation in
            let ready = state.withLock { state -> Result<CommitResult, any Error>? in
                if state.outcome == nil { state.waiter = continuation }
                return state.outcome
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
