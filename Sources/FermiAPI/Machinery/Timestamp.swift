import Foundation

/// A point in time as Kubernetes writes it: RFC 3339 in UTC, to the second
/// (`2026-11-22T10:37:00Z`).
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    public init(_ date: Date) {
        secondsSince1970 = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSince1970)) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    public var description: String {
        // Written on integers (with MicroTimestamp's calendar arithmetic): objects carry several
        // timestamps each, and Foundation's formatter is slow on hot paths.
        let days = secondsSince1970 >= 0 ? secondsSince1970 / 86400 : (secondsSince1970 - 86399) / 86400
        let secondOfDay = secondsSince1970 - days * 86400
        let (year, month, day) = MicroTimestamp.civil(fromDays: days)
        let pad = MicroTimestamp.pad
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// Parses RFC 3339 (`2026-11-22T10:37:00Z`, or with an offset or fraction, which is dropped);
    /// nil when the text is not a time.
    public init?(parsing text: String) {
        if let parsed = MicroTimestamp(text) {
            self = parsed.timestamp
        } else if let date = try? Date(text, strategy: .iso8601) {
            self.init(date)
        } else {
            return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let timestamp = Timestamp(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an RFC 3339 time: \(text)")
        }
        self = timestamp
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
