import Foundation

/// The `Events:` section that ends every `describe`, as kubectl prints it.
public enum EventTable {
    /// `Events:  <none>`, or a table of Type, Reason, Age, From and Message, oldest first (those
    /// seen at the same time in the order they were written), with `(xN over AGE)` for
    /// repeated events.
    public static func render(_ events: [JSONValue], now: Date) -> String {
        guard !events.isEmpty else { return "Events:  <none>\n" }
        let sorted = events.map { (time($0, "lastTimestamp"), writeOrder($0), $0) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        var rows: [[String]] = [["Type", "Reason", "Age", "From", "Message"], ["----", "------", "----", "----", "-------"]]
        for event in sorted {
            let count = event["count"].flatMap { value -> Int64? in
                if case .integer(let number) = value { return number }
                return nil
            } ?? 1
            let last = age(since: time(event, "lastTimestamp"), now: now)
            let ageText = count > 1
                ? "\(last) (x\(count) over \(age(since: time(event, "firstTimestamp"), now: now)))" : last
            let source = event["source"]?["component"]?.stringValue
                ?? event["reportingComponent"]?.stringValue ?? ""
            rows.append([
                event["type"]?.stringValue ?? "", event["reason"]?.stringValue ?? "", ageText, source,
                event["message"]?.stringValue ?? "",
            ])
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = "Events:\n"
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == 4 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }
            text += "  " + cells.joined() + "\n"
        }
        return text
    }

    private static func writeOrder(_ event: JSONValue) -> Int64 {
        event["metadata"]?["resourceVersion"]?.stringValue.flatMap { Int64($0) } ?? 0
    }

    private static func time(_ event: JSONValue, _ field: String) -> Date {
        guard let text = event[field]?.stringValue, let date = try? Date(text, strategy: .iso8601) else {
            return .distantPast
        }
        return date
    }

    /// kubectl's short ages: 45s, 3m12s, 5h, 2d3h, 35d.
    public static func age(since date: Date, now: Date) -> String {
        guard date != .distantPast else { return "<unknown>" }
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<600: return "\(seconds / 60)m\(seconds % 60 == 0 ? "" : "\(seconds % 60)s")"
        case ..<(3 * 3600): return "\(seconds / 60)m"
        case ..<(8 * 3600): return "\(seconds / 3600)h\((seconds % 3600) / 60 == 0 ? "" : "\((seconds % 3600) / 60)m")"
        case ..<(48 * 3600): return "\(seconds / 3600)h"
        case ..<(8 * 86400): return "\(seconds / 86400)d\((seconds % 86400) / 3600 == 0 ? "" : "\((seconds % 86400) / 3600)h")"
        case ..<(2 * 365 * 86400): return "\(seconds / 86400)d"
        default: return "\(seconds / (365 * 86400))y\((seconds % (365 * 86400)) / 86400)d"
        }
    }
}
