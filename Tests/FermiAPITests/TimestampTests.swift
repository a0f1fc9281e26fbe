import FermiAPI
import Foundation
import Testing

/// Timestamps are written and read by hand (for speed): they must agree with Foundation's
/// RFC 3339 to the second, across leap years, centuries and before 1970.
@Suite("Timestamps")
struct TimestampTests {
    static let instants: [Int64] = [
        0, -1, 59, 86_399, 86_400, 951_782_400, 951_868_799, 4_107_542_400, 1_767_225_600, 1_800_000_000,
        -2_208_988_800, 253_402_300_799,
    ] + (0..<200).map { Int64($0) * 15_778_463 - 1_000_000_000 }

    @Test(arguments: instants)
    func writesWhatFoundationWritesAndReadsItBack(seconds: Int64) throws {
        let timestamp = Timestamp(secondsSince1970: seconds)
        let foundation = Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted)
                .dateSeparator(.dash).timeSeparator(.colon).dateTimeSeparator(.standard))
        #expect(timestamp.description == foundation)
        #expect(Timestamp(parsing: timestamp.description) == timestamp)
    }

    @Test func readsOffsetsAndFractionsThroughFoundationAndRejectsNonsense() {
        let utc = Timestamp(parsing: "2026-11-22T10:37:00Z")
        #expect(utc?.secondsSince1970 == 1_795_343_820)
        #expect(Timestamp(parsing: "2026-11-22T12:37:00+02:00") == utc)
        #expect(Timestamp(parsing: "2026-13-22T10:37:00Z") == nil)
        #expect(Timestamp(parsing: "2026-11-22 10:37") == nil)
        #expect(Timestamp(parsing: "yesterday") == nil)
    }
}
