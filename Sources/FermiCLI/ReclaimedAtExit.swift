import Synchronization

/// Values a command is done with but leaves for the process's exit to reclaim, as compilers
/// skip freeing their trees before they exit: letting go of 100,000 parsed objects one
/// dictionary at a time took about half a second of `fermi get`'s wall time, on one core, and
/// the exit frees it all at once.
enum ReclaimedAtExit {
    private static let kept = Mutex<[any Sendable]>([])

    /// Keeps `value` alive until the process exits.
    static func keep(_ value: some Sendable) {
        kept.withLock { $0.append(value) }
    }
}
