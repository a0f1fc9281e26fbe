import FermiStore
import Foundation
import Testing

/// One suite, the same cases, against every backend: the store contract of DESIGN.md.
@Suite("Store conformance")
struct StoreConformanceTests {
    @Test(arguments: StoreBackend.allCases)
    func createThenGetReturnsValueAndRevisions(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let before = try await store.currentRevision()
            let created = try await store.create("/registry/pods/default/a", value: "one".bytes)
            #expect(created.modRevision == before + 1)
            #expect(created.createRevision == before + 1)
            #expect(created.version == 1)
            let read = try await store.get("/registry/pods/default/a")
            #expect(read == created)
            #expect(read.text == "one")
            #expect(try await store.currentRevision() == before + 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func currentValuesReadManyKeysInOrderWithNilForAbsentOnes(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let a = try await store.create("/many/a", value: "one".bytes)
            let b = try await store.create("/many/b", value: "two".bytes)
            try await store.delete("/many/b")
            let c = try await store.update("/many/a", value: "three".bytes)
            let values = try await store.currentValues(of: ["/many/b", "/many/a", "/many/missing"])
            #expect(values.count == 3)
            #expect(values[0] == nil)
            #expect(values[1] == c)
            #expect(values[1]?.text == "three")
            #expect(values[1]?.createRevision == a.createRevision)
            #expect(values[2] == nil)
            #expect(b.modRevision < c.modRevision)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func createOfExistingKeyFailsAndChangesNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let created = try await store.create("/k", value: "one".bytes)
            await #expect(throws: StoreError.alreadyExists(key: "/k")) {
                try await store.create("/k", value: "two".bytes)
            }
            #expect(try await store.get("/k") == created)
            #expect(try await store.currentRevision() == created.modRevision)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func getUpdateAndDeleteOfMissingKeyFailNotFound(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: StoreError.notFound(key: "/missing")) {
                try await store.get("/missing")
            }
            await #expect(throws: StoreError.notFound(key: "/missing")) {
                try await store.update("/missing", value: "x".bytes)
            }
            await #expect(throws: StoreError.notFound(key: "/missing")) {
                try await store.update("/missing", value: "x".bytes, expectedRevision: 5)
            }
            await #expect(throws: StoreError.notFound(key: "/missing")) {
                try await store.delete("/missing")
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func updateChecksExpectedRevision(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let created = try await store.create("/k", value: "1".bytes)
            let updated = try await store.update(
                "/k", value: "2".bytes, expectedRevision: created.modRevision)
            #expect(updated.modRevision == created.modRevision + 1)
            #expect(updated.createRevision == created.createRevision)
            #expect(updated.version == 2)
            await #expect(
                throws: StoreError.conflict(
                    key: "/k", expectedRevision: created.modRevision,
                    actualRevision: updated.modRevision)
            ) {
                try await store.update("/k", value: "3".bytes, expectedRevision: created.modRevision)
            }
            #expect(try await store.get("/k").text == "2")
            let unconditional = try await store.update("/k", value: "4".bytes)
            #expect(unconditional.version == 3)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func deleteReturnsValueAndRecreateStartsAnew(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let created = try await store.create("/k", value: "old".bytes)
            await #expect(throws: StoreError.self) {
                try await store.delete("/k", expectedRevision: created.modRevision + 7)
            }
            let deleted = try await store.delete("/k", expectedRevision: created.modRevision)
            #expect(deleted == created)
            await #expect(throws: StoreError.notFound(key: "/k")) { try await store.get("/k") }
            let recreated = try await store.create("/k", value: "new".bytes)
            #expect(recreated.version == 1)
            #expect(recreated.createRevision == created.modRevision + 2)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func batchCommitsAllWritesAtOneRevision(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let existing = try await store.create("/b/existing", value: "e".bytes)
            let doomed = try await store.create("/b/doomed", value: "d".bytes)
            let result = try await store.commit([
                .create(key: "/b/new", value: "n".bytes),
                .update(key: "/b/existing", value: "e2".bytes, expectedRevision: existing.modRevision),
                .delete(key: "/b/doomed", expectedRevision: nil),
            ])
            #expect(result.revision == doomed.modRevision + 1)
            #expect(result.results.map(\.key) == ["/b/new", "/b/existing", "/b/doomed"])
            #expect(result.results[0].modRevision == result.revision)
            #expect(result.results[1].version == 2)
            #expect(result.results[2] == doomed)
            #expect(try await store.currentRevision() == result.revision)
            let keys = try await store.listAll(prefix: "/b/").items.map(\.key)
            #expect(keys == ["/b/existing", "/b/new"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func batchWithOneFailingWriteAppliesNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let existing = try await store.create("/b/existing", value: "e".bytes)
            await #expect(
                throws: StoreError.conflict(
                    key: "/b/existing", expectedRevision: 1_000,
                    actualRevision: existing.modRevision)
            ) {
                try await store.commit([
                    .create(key: "/b/one", value: "1".bytes),
                    .update(key: "/b/existing", value: "x".bytes, expectedRevision: 1_000),
                    .create(key: "/b/two", value: "2".bytes),
                ])
            }
            await #expect(throws: StoreError.alreadyExists(key: "/b/existing")) {
                try await store.commit([
                    .create(key: "/b/one", value: "1".bytes),
                    .create(key: "/b/existing", value: "x".bytes),
                ])
            }
            #expect(try await store.currentRevision() == existing.modRevision)
            #expect(try await store.listAll(prefix: "/b/").items == [existing])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func batchNamingAKeyTwiceIsRejected(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: StoreError.duplicateKey(key: "/dup")) {
                try await store.commit([
                    .create(key: "/dup", value: "1".bytes),
                    .update(key: "/dup", value: "2".bytes, expectedRevision: nil),
                ])
            }
            let stored = try await store.getIfPresent("/dup")
            #expect(stored == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func listReturnsOnlyThePrefixInKeyOrder(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for key in ["/r/pods/b", "/r/pods/a", "/r/pods0", "/r/pod", "/r/pods/c/x", "/s/pods/a"] {
                try await store.create(key, value: key.bytes)
            }
            let page = try await store.list(ListRequest(prefix: "/r/pods/"))
            #expect(page.items.map(\.key) == ["/r/pods/a", "/r/pods/b", "/r/pods/c/x"])
            #expect(page.items.map(\.text) == page.items.map(\.key))
            #expect(page.continueToken == nil)
            #expect(page.revision == (try await store.currentRevision()))
            let everything = try await store.listAll(prefix: "")
            #expect(everything.items.count == 6)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func listAtAnOlderRevisionSeesThatSnapshot(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.create("/s/a", value: "a1".bytes)
            let b = try await store.create("/s/b", value: "b1".bytes)
            try await store.update("/s/a", value: "a2".bytes)
            try await store.delete("/s/b")
            try await store.create("/s/c", value: "c1".bytes)
            let then = try await store.list(ListRequest(prefix: "/s/", revision: b.modRevision))
            #expect(then.revision == b.modRevision)
            #expect(then.items.map(\.key) == ["/s/a", "/s/b"])
            #expect(then.items.map(\.text) == ["a1", "b1"])
            let now = try await store.listAll(prefix: "/s/")
            #expect(now.items.map(\.text) == ["a2", "c1"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func pagesFollowingAContinueTokenStayOnOneRevision(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            for index in 1...5 {
                try await store.create("/p/\(index)", value: "v\(index)".bytes)
            }
            let first = try await store.list(ListRequest(prefix: "/p/", limit: 2))
            #expect(first.items.map(\.key) == ["/p/1", "/p/2"])
            let token = try #require(first.continueToken)
            // Changes after the first page must not show in the later ones.
            try await store.update("/p/4", value: "changed".bytes)
            try await store.delete("/p/5")
            try await store.create("/p/3a", value: "new".bytes)
            let second = try await store.list(ListRequest(prefix: "/p/", limit: 2, continueToken: token))
            #expect(second.items.map(\.key) == ["/p/3", "/p/4"])
            #expect(second.items.map(\.text) == ["v3", "v4"])
            #expect(second.revision == first.revision)
            let third = try await store.list(
                ListRequest(prefix: "/p/", limit: 2, continueToken: try #require(second.continueToken)))
            #expect(third.items.map(\.key) == ["/p/5"])
            #expect(third.continueToken == nil)
            await #expect(throws: StoreError.invalidContinueToken("garbage")) {
                try await store.list(ListRequest(prefix: "/p/", continueToken: "garbage"))
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func listAtAFutureRevisionFails(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let current = try await store.currentRevision()
            await #expect {
                try await store.list(ListRequest(prefix: "/", revision: current + 10))
            } throws: { error in
                if case StoreError.futureRevision = error { return true }
                return false
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func watchDeliversEveryChangeInOrderWithPreviousValues(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.create("/other/x", value: "ignored".bytes)
            let start = try await store.currentRevision()
            let stream = try await store.watch(prefix: "/w/", after: start)
            let created = try await store.create("/w/a", value: "1".bytes)
            try await store.create("/other/y", value: "ignored".bytes)
            let updated = try await store.update("/w/a", value: "2".bytes)
            let batch = try await store.commit([
                .create(key: "/w/b", value: "b".bytes), .create(key: "/w/c", value: "c".bytes),
            ])
            let deleted = try await store.commit([.delete(key: "/w/a", expectedRevision: nil)])
            let events = try await collect(5, from: stream)
            #expect(events.map(\.kind) == [.created, .updated, .created, .created, .deleted])
            #expect(events.map(\.key) == ["/w/a", "/w/a", "/w/b", "/w/c", "/w/a"])
            #expect(
                events.map(\.revision)
                    == [created.modRevision, updated.modRevision, batch.revision, batch.revision,
                        deleted.revision])
            #expect(events[0].current == created)
            #expect(events[0].previous == nil)
            #expect(events[1].current == updated)
            #expect(events[1].previous == created)
            #expect(events[4].current == nil)
            #expect(events[4].previous == updated)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aWatchMarksTheLastEventOfEachRevisionAcrossPages(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let start = try await store.currentRevision()
            let stream = try await store.watch(prefix: "/r/", after: start)
            // 512 changes fill a page of the memory and SQLite watches exactly; 600 spill over one.
            let sizes = [512, 600, 1]
            for (batch, size) in sizes.enumerated() {
                _ = try await store.commit((0..<size).map { .create(key: "/r/\(batch)/\($0)", value: "v".bytes) })
            }
            let events = try await collect(sizes.reduce(0, +), from: stream)
            let ends = events.indices.filter { events[$0].endsRevision }
            #expect(ends == [511, 1111, 1112])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func watchFromAnOlderRevisionReplaysHistory(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let start = try await store.currentRevision()
            for index in 0..<20 {
                try await store.create("/h/\(index)", value: "\(index)".bytes)
            }
            let middle = start + 10
            let stream = try await store.watch(prefix: "/h/", after: middle)
            try await store.update("/h/0", value: "again".bytes)
            let events = try await collect(11, from: stream)
            #expect(events.map(\.revision) == Array((middle + 1)...(start + 21)))
            #expect(events.first?.key == "/h/10")
            #expect(events.last?.kind == .updated)
            #expect(events.last?.previous?.text == "0")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func compactionMakesOlderReadsAndWatchesGone(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let first = try await store.create("/c/a", value: "a1".bytes)
            try await store.update("/c/a", value: "a2".bytes)
            try await store.create("/c/b", value: "b1".bytes)
            let compactedAt = try await store.update("/c/a", value: "a3".bytes).modRevision
            try await store.delete("/c/b")
            try await store.compact(to: compactedAt)
            await #expect(throws: StoreError.self) {
                try await store.list(ListRequest(prefix: "/c/", revision: first.modRevision))
            }
            await #expect {
                try await store.watch(prefix: "/c/", after: first.modRevision)
            } throws: { error in
                if case StoreError.gone = error { return true }
                return false
            }
            await #expect {
                try await store.list(ListRequest(prefix: "/c/", revision: compactedAt - 1))
            } throws: { error in
                if case StoreError.gone = error { return true }
                return false
            }
            let atCompaction = try await store.list(ListRequest(prefix: "/c/", revision: compactedAt))
            #expect(atCompaction.items.map(\.text) == ["a3", "b1"])
            let stream = try await store.watch(prefix: "/c/", after: compactedAt)
            let events = try await collect(1, from: stream)
            #expect(events.first?.kind == .deleted)
            #expect(events.first?.previous?.text == "b1")
            await #expect {
                try await store.compact(to: compactedAt)
            } throws: { error in
                if case StoreError.gone = error { return true }
                return false
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func compactionKeepsTheNewestValueOfEveryLiveKey(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await store.create("/k/live", value: "0".bytes)
            for step in 1...10 {
                try await store.update("/k/live", value: "\(step)".bytes)
            }
            try await store.create("/k/gone", value: "x".bytes)
            try await store.delete("/k/gone")
            let untouched = try await store.create("/k/untouched", value: "u".bytes)
            let current = try await store.currentRevision()
            try await store.compact(to: current)
            let items = try await store.listAll(prefix: "/k/").items
            #expect(items.map(\.key) == ["/k/live", "/k/untouched"])
            #expect(items.map(\.text) == ["10", "u"])
            #expect(items[0].version == 11)
            #expect(items[1] == untouched)
            let stream = try await store.watch(prefix: "/k/", after: current)
            try await store.update("/k/live", value: "11".bytes)
            try await store.create("/k/gone", value: "back".bytes)
            let events = try await collect(2, from: stream)
            #expect(events.map(\.kind) == [.updated, .created])
            #expect(events[0].previous?.text == "10")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func watchOfAQuietPrefixEndsWhenItsTaskIsCancelled(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let stream = try await store.watch(prefix: "/quiet/", after: try await store.currentRevision())
            let watcher = Task {
                var count = 0
                for try await _ in stream { count += 1 }
                return count
            }
            try await store.create("/loud/a", value: "x".bytes)
            watcher.cancel()
            #expect(try await watcher.value == 0)
        }
    }
}
