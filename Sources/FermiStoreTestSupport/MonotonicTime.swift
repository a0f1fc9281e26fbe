import Foundation


/// The system-wide monotonic clock (`CLOCK_MONOTONIC`), which every process on the machine
/// reads alike: a writer stamps a value with it and a watcher in another process subtracts.
public enum MonotonicTime {
    /// Nanoseconds since an arbitrary, machine-wide starting point.
    public static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
