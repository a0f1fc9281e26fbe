import FermiStore
import Foundation
import GRDB
import Testing

/// What the SQLite backend promises beyond the shared contract: durability settings, a
/// versioned file, and one revision sequence for every handle on the file.
@Suite("SQLite store")
struct SQLiteStoreTests {
    @Test func writesAreDurableInWALMode() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.appendingPathComponent("s.db").path)
            #expect(try store.synchronousMode() == 2)
            #expect(try store.journalMode() == "wal")
            try store.close()
        }
    }

    @Test func aNewFileHasEightKilobytePagesAndAnOlderFileKeepsItsOwn() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("s.db").path
            let store = try SQLiteStore(path: path)
            #expect(try store.filePageSize() == 8192)
            try store.close()
            // A file written with SQLite's default pages, as stores were before, opens and works.
            let older = directory.appendingPathComponent("older.db").path
            try await DatabaseQueue(path: older).write { db in try db.execute(sql: "CREATE TABLE unrelated (x INTEGER)") }
            let reopened = try SQLiteStore(path: older)
            #expect(try reopened.filePageSize() == 4096)
            _ = try await reopened.commit([.create(key: "/k", value: Data("v".utf8))])
            #expect(try await reopened.get("/k").value == Data("v".utf8))
            #expect(try reopened.integrityCheck() == "ok")
            try reopened.close()
        }
    }

    @Test func concurrentCommitsShareTransactionsButKeepTheirOwnRevisionsAndFailures() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.appendingPathComponent("s.db").path)
            let start = try await store.currentRevision()
            // 200 commits at once: every tenth is a stale update that must fail alone.
            let outcomes = await withTaskGroup(of: (Int, Int64?).self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let write: StoreWrite =
                            index % 10 == 9
                            ? .update(key: "/k/\(index)", value: Data("x".utf8), expectedRevision: 1)
                            : .create(key: "/k/\(index)", value: Data("v\(index)".utf8))
                        return (index, try? await store.commit([write]).revision)
                    }
                }
                var outcomes: [Int: Int64?] = [:]
                for await (index, revision) in group { outcomes[index] = revision }
                return outcomes
            }
            let revisions = outcomes.compactMapValues { $0 }
            #expect(revisions.count == 180)
            #expect(outcomes.filter { $0.key % 10 == 9 }.allSatisfy { $0.value == nil })
            // Each successful commit has a revision of its own, with no gaps.
            #expect(Set(revisions.values) == Set((start + 1)...(start + 180)))
            let listed = try await store.listAll(prefix: "/k/")
            #expect(listed.items.count == 180)
            #expect(listed.revision == start + 180)
            try store.close()
        }
    }

    @Test func commitsSharingATransactionSeeEachOthersWritesOfAKey() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore(path: directory.appendingPathComponent("s.db").path)
            let created = try await store.create("/k", value: Data("v0".utf8))
            // 50 updates at once, most of them carried by shared transactions: each must build on
            // the one before it, in the transaction or out of it.
            await withTaskGroup(of: Void.self) { group in
                for index in 1...50 {
                    group.addTask { _ = try? await store.update("/k", value: Data("v\(index)".utf8)) }
                }
            }
            let current = try await store.get("/k")
            #expect(current.version == 51)
            #expect(current.createRevision == created.modRevision)
            #expect(current.modRevision == created.modRevision + 50)
            let history = try await collect(51, from: try await store.watch(prefix: "/k", after: created.modRevision - 1))
            #expect(history.map(\.revision) == Array(created.modRevision...(created.modRevision + 50)))
            #expect(history.dropFirst().allSatisfy { $0.previous?.modRevision == $0.revision - 1 })
            try store.close()
        }
    }

    @Test func aFileFromANewerSchemaIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("s.db").path
            let store = try SQLiteStore(path: path)
            try store.close()
            try setUserVersion(path: path, to: 99)
            #expect(throws: StoreError.unsupportedSchema(path: path, version: 99, supported: 1)) {
                _ = try SQLiteStore(path: path)
            }
        }
    }

    @Test func twoHandlesOnOneFileShareOneRevisionSequence() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("s.db").path
            let first = try SQLiteStore(path: path)
            let second = try SQLiteStore(path: path)
            let stream = try await second.watch(prefix: "/", after: 0)
            var revisions: [Int64] = []
            for index in 0..<10 {
                let writer = index.isMultiple(of: 2) ? first : second
                revisions.append(try await writer.create("/k/\(index)", value: "v".bytes).modRevision)
            }
            #expect(revisions == Array(1...10))
            let events = try await collect(10, from: stream)
            #expect(events.map(\.revision) == Array(1...10))
            #expect(try await first.listAll(prefix: "/k/").items.count == 10)
            try first.close()
            try second.close()
        }
    }

    @Test func historySurvivesReopening() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("s.db").path
            let store = try SQLiteStore(path: path)
            try await store.create("/a", value: "1".bytes)
            try await store.update("/a", value: "2".bytes)
            try await store.compact(to: 1)
            try store.close()
            let reopened = try SQLiteStore(path: path)
            #expect(try await reopened.currentRevision() == 2)
            #expect(try await reopened.get("/a").text == "2")
            await #expect(throws: StoreError.gone(revision: 0)) {
                try await reopened.watch(prefix: "/", after: 0)
            }
            try reopened.close()
        }
    }

    @Test func readsOfKeysSeeAnotherHandlesCommitAtOnceAndLetCheckpointsFinish() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("s.db").path
            let reader = try SQLiteStore(path: path)
            let writer = try SQLiteStore(path: path)
            try await writer.create("/a", value: "1".bytes)
            try await writer.create("/b", value: "1".bytes)
            // Many reads at once, so the reader holds several connections of its own.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 { group.addTask { _ = try await reader.get("/a") } }
                try await group.waitForAll()
            }
            for round in 2...5 {
                try await writer.update("/a", value: "\(round)".bytes)
                try await writer.update("/b", value: "\(round)".bytes)
                // A read that kept its snapshot open would still see the previous round.
                #expect(try await reader.get("/a").text == "\(round)")
                #expect(try await reader.currentValues(of: ["/a", "/b", "/c"]).map { $0?.text } == ["\(round)", "\(round)", nil])
                #expect(try await reader.currentRevision() == Int64(2 * round))
            }
            try await writer.delete("/b")
            await #expect(throws: StoreError.notFound(key: "/b")) { try await reader.get("/b") }
            // No reader holds a snapshot between reads, so a truncating checkpoint empties the WAL.
            let file = try DatabaseQueue(path: path)
            let checkpoint = try await file.writeWithoutTransaction { db in
                try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
            try file.close()
            #expect(checkpoint?[0] as Int64? == 0, "the checkpoint was blocked by a reader")
            #expect(try await reader.get("/a").text == "5")
            try reader.close()
            await #expect(throws: StoreError.self) { try await reader.get("/a") }
            try writer.close()
        }
    }

    private func setUserVersion(path: String, to version: Int) throws {
        let file = try DatabaseQueue(path: path)
        try file.write { db in try db.execute(sql: "PRAGMA user_version = \(version)") }
        try file.close()
    }
}
