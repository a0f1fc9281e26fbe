import FermiStore
import FermiStoreTestSupport
import Foundation
import Testing

/// A write acknowledged by the SQLite store survives the writer being killed at any moment.
@Suite("Crash safety")
struct CrashSafetyTests {
    @Test func everyAcknowledgedWriteSurvivesSIGKILL() async throws {
        var generator = SystemRandomNumberGenerator()
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("store.db").path
            var acknowledgedInAll = 0
            for round in 0..<20 {
                let writer = try ChildProcess(
                    "fermi-store-driver",
                    ["write-loop", "--store", "sqlite:\(path)", "--prefix", "/crash/\(round)/"])
                // Kill after a random number of acknowledged writes plus a random fraction of a
                // millisecond or two, so that the kill lands anywhere inside the next write.
                let target = Int.random(in: 1...400, using: &generator)
                await writer.waitForLines(target)
                usleep(UInt32.random(in: 0...2_000, using: &generator))
                writer.killHard()
                await writer.waitForExit()
                let acknowledged = writer.lines
                #expect(acknowledged.count >= target, "round \(round): \(writer.errorText)")

                let store = try SQLiteStore(path: path)
                #expect(try store.integrityCheck() == "ok", "round \(round)")
                for line in acknowledged {
                    let fields = line.split(separator: " ")
                    let revision = try #require(Int64(fields[0]))
                    let key = String(fields[1])
                    let stored = try await store.getIfPresent(key)
                    #expect(stored?.modRevision == revision, "round \(round): \(key) lost")
                }
                let current = try await store.currentRevision()
                #expect(current >= (acknowledged.last.flatMap { Int64($0.split(separator: " ")[0]) } ?? 0))
                try store.close()
                acknowledgedInAll += acknowledged.count
            }
            #expect(acknowledgedInAll >= 20)
        }
    }
}
