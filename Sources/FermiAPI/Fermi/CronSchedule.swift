import Foundation

/// A cron schedule of five fields (minute, hour, day of month, month, day of week), as
/// Kubernetes' CronJob reads them: `*`, lists, ranges and steps (`*/15`, `1-5`, `0,30`), and
/// the macros `@hourly`, `@daily`, `@weekly`, `@monthly`, `@yearly`. As in cron, when both day
/// fields are restricted a day matching either will do. Times are UTC.
public struct CronSchedule: Hashable, Sendable {
    let minutes: Set<Int>
    let hours: Set<Int>
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    let daysOfWeek: Set<Int>
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    /// The schedule `text` describes, or what is wrong with it.
    public static func parse(_ text: String) -> Result<CronSchedule, CronError> {
        let macros = [
            "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
            "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
        ]
        let expanded = macros[text.trimmingCharacters(in: .whitespaces)] ?? text
        let fields = expanded.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard fields.count == 5 else { return .failure(CronError("must have 5 fields (minute hour day-of-month month day-of-week)")) }
        let bounds = [(0, 59, "minute"), (0, 23, "hour"), (1, 31, "day of month"), (1, 12, "month"), (0, 6, "day of week")]
        var sets: [Set<Int>] = []
        for (field, (low, high, name)) in zip(fields, bounds) {
            guard let values = Self.values(of: field, low: low, high: high) else {
                return .failure(CronError("\(name) \(field) is not a value, range, list or step within \(low)-\(high)"))
            }
            sets.append(values)
        }
        return .success(
            CronSchedule(
                minutes: sets[0], hours: sets[1], daysOfMonth: sets[2], months: sets[3], daysOfWeek: sets[4],
                dayOfMonthRestricted: fields[2] != "*", dayOfWeekRestricted: fields[4] != "*"))
    }

    /// The first time the schedule fires strictly after `date` (within five years).
    public func next(after date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Start at the next whole minute.
        var time = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
        let limit = date.addingTimeInterval(5 * 366 * 86400)
        while time <= limit {
            let parts = calendar.dateComponents([.month, .day, .weekday, .hour, .minute], from: time)
            guard months.contains(parts.month!) else {
                time = calendar.date(byAdding: .month, value: 1, to: calendar.date(from: calendar.dateComponents([.year, .month], from: time))!)!
                continue
            }
            let dayOfWeek = parts.weekday! - 1
            let dayMatches =
                dayOfMonthRestricted && dayOfWeekRestricted
                ? daysOfMonth.contains(parts.day!) || daysOfWeek.contains(dayOfWeek)
                : daysOfMonth.contains(parts.day!) && daysOfWeek.contains(dayOfWeek)
            guard dayMatches else {
                time = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: time))!
                continue
            }
            guard hours.contains(parts.hour!) else {
                time = calendar.date(byAdding: .hour, value: 1, to: calendar.date(from: calendar.dateComponents([.year, .month, .day, .hour], from: time))!)!
                continue
            }
            if minutes.contains(parts.minute!) { return time }
            time = time.addingTimeInterval(60)
        }
        return nil
    }

    /// The values one field names, or nil when it names none or goes out of bounds.
    private static func values(of field: String, low: Int, high: Int) -> Set<Int>? {
        var values = Set<Int>()
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { return nil }
            let step = pieces.count == 2 ? Int(pieces[1]) : 1
            guard let step, step > 0 else { return nil }
            var start = low
            var end = high
            if pieces[0] != "*" {
                let range = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
                guard range.count <= 2, let first = Int(range[0]) else { return nil }
                start = first
                end = range.count == 2 ? (Int(range[1]) ?? -1) : (pieces.count == 2 ? high : first)
            }
            guard start >= low, end <= high, start <= end else { return nil }
            values.formUnion(stride(from: start, through: end, by: step))
        }
        return values.isEmpty ? nil : values
    }

    /// Why a schedule cannot be read.
    public struct CronError: Error, Sendable {
        public var message: String
        init(_ message: String) { self.message = message }
    }
}
