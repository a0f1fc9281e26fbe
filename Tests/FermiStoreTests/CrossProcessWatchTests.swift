import FermiStore
import FermiStoreTestSupport
import Foundation
import Testing

/// A watch in one process sees another process's writes: all of them, once each, in order.
@Suite("Cross-process watch")
struct CrossProcessWatchTests {
    @Test(arguments: [StoreBackend.sqlite, .etcd])
    func watchReceivesExactlyAnotherProcesssTenThousandChanges(backend: StoreBackend) async throws {
        try await backend.withSharedStore { location, store in
            let start = try await store.currentRevision()
            let stream = try await store.watch(prefix: "/x/", after: start)
            let writer = try ChildProcess(
                "fermi-store-driver",
                ["changes", "--store", location.description, "--prefix", "/x/", "--count", "10000",
                 "--keys", "100"])
            let events = try await collect(10_000, from: stream, within: .seconds(600))
            let status = await writer.waitForExit()
            #expect(status == 0, "\(writer.errorText)")
            let written = writer.lines.dropLast()
            #expect(written.count == 10_000)
            let seen = events.map { "\($0.revision) \($0.kind.rawValue) \($0.key)" }
            #expect(seen == Array(written))
            #expect(zip(events, events.dropFirst()).allSatisfy { $0.revision < $1.revision })
            // Updates and deletes carry the value they replaced.
            let replaced = events.filter { $0.kind != .created }
            #expect(!replaced.isEmpty)
            #expect(replaced.allSatisfy { $0.previous?.key == $0.key })
        }
    }
}
