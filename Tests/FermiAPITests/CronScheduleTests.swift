import FermiAPI
import Foundation
import Testing

/// Cron schedules as Kubernetes' CronJob reads them.
@Suite("Cron schedule")
struct CronScheduleTests {
    private func next(_ text: String, after iso: String) throws -> String? {
        let schedule = try CronSchedule.parse(text).get()
        let date = try #require(Timestamp(parsing: iso)).date
        return schedule.next(after: date).map { Timestamp($0).description }
    }

    @Test func fieldsStepsRangesAndMacrosFindTheNextTime() throws {
        #expect(try next("*/15 * * * *", after: "2026-01-01T10:07:00Z") == "2026-01-01T10:15:00Z")
        #expect(try next("0 2 * * *", after: "2026-01-01T02:00:00Z") == "2026-01-02T02:00:00Z")
        #expect(try next("@daily", after: "2026-01-31T23:59:00Z") == "2026-02-01T00:00:00Z")
        // 2026-01-03 is a Saturday: Monday to Friday at 09:30 next falls on the 5th.
        #expect(try next("30 9 * * 1-5", after: "2026-01-03T12:00:00Z") == "2026-01-05T09:30:00Z")
        // Both day fields restricted: either will do (the 1st, or a Sunday).
        #expect(try next("0 0 1 * 0", after: "2026-01-02T00:00:00Z") == "2026-01-04T00:00:00Z")
    }

    @Test func aMalformedScheduleSaysWhichField() {
        guard case .failure(let error) = CronSchedule.parse("0 25 * * *") else {
            Issue.record("an hour of 25 was accepted")
            return
        }
        #expect(error.message == "hour 25 is not a value, range, list or step within 0-23")
        guard case .failure(let short) = CronSchedule.parse("0 2 * *") else {
            Issue.record("four fields were accepted")
            return
        }
        #expect(short.message == "must have 5 fields (minute hour day-of-month month day-of-week)")
    }
}
