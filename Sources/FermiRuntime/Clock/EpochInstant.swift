import Foundation

/// A moment on any Fermi clock, as time since the Unix epoch, so that virtual and wall time
/// both turn into the timestamps objects carry.
public struct EpochInstant: InstantProtocol, Hashable, Sendable, CustomStringConvertible {
    /// Time since 1970-01-01T00:00:00Z.
    public var sinceEpoch: Duration

    public init(sinceEpoch: Duration) {
        self.sinceEpoch = sinceEpoch
    }

    public init(_ date: Date) {
        let nanoseconds = (date.timeIntervalSince1970 * 1e9).rounded()
        sinceEpoch = .nanoseconds(Int64(nanoseconds))
    }

    /// The instant as a `Date`, for object timestamps.
    public var date: Date {
        let (seconds, attoseconds) = sinceEpoch.components
        return Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18)
    }

    public func advanced(by duration: Duration) -> EpochInstant {
        EpochInstant(sinceEpoch: sinceEpoch + duration)
    }

    public func duration(to other: EpochInstant) -> Duration {
        other.sinceEpoch - sinceEpoch
    }

    public static func < (lhs: EpochInstant, rhs: EpochInstant) -> Bool {
        lhs.sinceEpoch < rhs.sinceEpoch
    }

    public var description: String {
        date.formatted(.iso8601)
    }
}
