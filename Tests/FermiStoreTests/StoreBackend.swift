import FermiStore
import FermiStoreTestSupport
import Foundation
import Testing

/// The backends the conformance suite runs against; each test gets a fresh, empty store.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite
    case etcd

    var testDescription: String { rawValue }

    /// Runs `body` against a new store of this backend and cleans up after it.
    func withStore(_ body: (any Store) async throws -> Void) async throws {
        switch self {
        case .memory:
            try await body(MemoryStore())
        case .sqlite:
            try await withTemporaryDirectory { directory in
                let store = try SQLiteStore(path: directory.appendingPathComponent("store.db").path)
                try await body(store)
                try store.close()
            }
        case .etcd:
            let etcd = try await LocalEtcd.start()
            defer { etcd.stop() }
            try await body(EtcdStore(endpoint: etcd.endpoint))
        }
    }

    /// The location of a new store of this backend that several processes can open, and a
    /// handle on it, for the multi-process tests.
    func withSharedStore(_ body: (StoreLocation, any Store) async throws -> Void) async throws {
        switch self {
        case .memory:
            Issue.record("a memory store cannot be shared between processes")
        case .sqlite:
            try await withTemporaryDirectory { directory in
                let location = StoreLocation.sqlite(path: directory.appendingPathComponent("store.db").path)
                let store = try location.open()
                try await body(location, store)
            }
        case .etcd:
            let etcd = try await LocalEtcd.start()
            defer { etcd.stop() }
            let location = StoreLocation.etcd(endpoint: etcd.endpoint)
            try await body(location, location.open())
        }
    }
}

/// Runs `body` with a new empty directory that is removed afterwards.
func withTemporaryDirectory(_ body: (URL) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("fermi-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try await body(directory)
}

/// The first `count` events of a watch; fails the test instead of hanging if they don't come.
func collect(_ count: Int, from stream: WatchStream, within limit: Duration = .seconds(60))
    async throws -> [WatchEvent]
{
    try await withThrowingTaskGroup(of: [WatchEvent]?.self) { group in
        group.addTask {
            var events: [WatchEvent] = []
            for try await event in stream {
                events.append(event)
                if events.count == count { break }
            }
            return events
        }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        guard let events = first else {
            Issue.record("watch delivered fewer than \(count) events within \(limit)")
            return []
        }
        return events
    }
}

extension String {
    var bytes: Data { Data(utf8) }
}

extension KeyValue {
    var text: String { String(decoding: value, as: UTF8.self) }
}
