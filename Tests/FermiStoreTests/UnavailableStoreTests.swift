import FermiStore
import Foundation
import Testing

/// A backend that cannot be reached fails with `unavailable`, saying where and why.
@Suite("Unavailable stores")
struct UnavailableStoreTests {
    @Test func etcdWithNothingListeningIsUnavailable() async throws {
        // Port 9 (discard) on loopback has no listener here: the connection is refused, and the
        // client retries until its deadline.
        let store = EtcdStore(endpoint: "http://127.0.0.1:9", requestTimeout: .seconds(1))
        await #expect {
            try await store.create("/k", value: Data("v".utf8))
        } throws: { error in
            guard case StoreError.unavailable(let reason) = error else { return false }
            return reason.contains("127.0.0.1:9")
        }
    }

    @Test func sqliteFileThatCannotBeCreatedIsUnavailable() async throws {
        try await withTemporaryDirectory { directory in
            let blocker = directory.appendingPathComponent("not-a-directory")
            try Data("x".utf8).write(to: blocker)
            #expect {
                _ = try SQLiteStore(path: blocker.appendingPathComponent("store.db").path)
            } throws: { error in
                guard case StoreError.unavailable(let reason) = error else { return false }
                return reason.contains("not-a-directory")
            }
        }
    }
}
