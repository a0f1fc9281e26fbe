// FermiStore owns the object store: an etcd-like key-value store with one global revision,
// compare-and-swap, atomic batches, ordered watches and compaction. It knows bytes and keys,
// never kinds. Backends: SQLite (the embedded default), etcd (scale-out) and memory (tests).

import Foundation

/// An etcd-like key-value store: every write bumps one global revision, reads see consistent
/// snapshots, and watches replay every change after a revision exactly once, in order.
///
/// All backends give the same answers to the same calls; `StoreConformance` in the tests runs
/// one suite against each of them.
public protocol Store: Sendable {
    /// The newest revision of the store: the revision of its last committed write.
    func currentRevision() async throws -> Int64

    /// The current value of `key`; throws `StoreError.notFound` when it has none.
    func get(_ key: String) async throws -> KeyValue

    /// The current values of `keys`, in order, nil for a key that has none: many point reads
    /// in one call, so a bulk apply reads what exists in one go.
    func currentValues(of keys: [String]) async throws -> [KeyValue?]

    /// One page of the keys under a prefix, all read at one revision.
    ///
    /// Without a revision the page is read at the current one; a continue token pins later
    /// pages to the revision of the first, so paging through a prefix yields one snapshot.
    func list(_ request: ListRequest) async throws -> ListPage

    /// Commits `writes` atomically at one new revision: either all apply or none does.
    ///
    /// A batch may name each key at most once; an empty batch writes nothing and returns the
    /// current revision. The result holds, for each write in order, the
    /// key's new value (create, update) or the value it had until it was deleted (delete).
    func commit(_ writes: [StoreWrite]) async throws -> CommitResult

    /// Every change to keys under `prefix` after `revision`, exactly once and in revision order.
    ///
    /// Throws `StoreError.gone` when that history has been compacted away; the stream itself
    /// ends with `.gone` if compaction overtakes a watcher that falls behind.
    func watch(prefix: String, after revision: Int64) async throws -> WatchStream

    /// Forgets history before `revision`: reads at older revisions, and watches from them, fail
    /// with `StoreError.gone` from now on. The newest value of every live key is kept.
    func compact(to revision: Int64) async throws
}

/// The changes a watch delivers, in revision order.
public typealias WatchStream = AsyncThrowingStream<WatchEvent, any Error>

extension Store {
    /// Creates `key`; throws `StoreError.alreadyExists` when it exists.
    @discardableResult
    public func create(_ key: String, value: Data) async throws -> KeyValue {
        try await commit([.create(key: key, value: value)]).results[0]
    }

    /// Replaces the value of an existing `key`, if its revision is still `expectedRevision`.
    @discardableResult
    public func update(
        _ key: String, value: Data, expectedRevision: Int64? = nil
    ) async throws -> KeyValue {
        try await commit([.update(key: key, value: value, expectedRevision: expectedRevision)])
            .results[0]
    }

    /// Deletes an existing `key`, if its revision is still `expectedRevision`, and returns the
    /// value it had.
    @discardableResult
    public func delete(_ key: String, expectedRevision: Int64? = nil) async throws -> KeyValue {
        try await commit([.delete(key: key, expectedRevision: expectedRevision)]).results[0]
    }

    /// The current value of `key`, or nil when it has none.
    public func getIfPresent(_ key: String) async throws -> KeyValue? {
        do {
            return try await get(key)
        } catch StoreError.notFound {
            return nil
        }
    }

    /// Each key read on its own: backends without a cheaper batch read use this.
    public func currentValues(of keys: [String]) async throws -> [KeyValue?] {
        var values: [KeyValue?] = []
        values.reserveCapacity(keys.count)
        for key in keys { values.append(try await getIfPresent(key)) }
        return values
    }

    /// Every key under `prefix` at one revision, following continue tokens page by page.
    public func listAll(prefix: String, revision: Int64? = nil, pageSize: Int = 1000)
        async throws -> ListPage
    {
        var items: [KeyValue] = []
        let listed = try await forEachPage(prefix: prefix, revision: revision, pageSize: pageSize) { items += $0.items }
        return ListPage(items: items, revision: listed, continueToken: nil)
    }

    /// Hands `body` each page of the keys under `prefix`, all at one revision, in key order,
    /// reading the next page only once `body` has returned; returns the revision read at.
    @discardableResult
    public func forEachPage(
        prefix: String, revision: Int64? = nil, pageSize: Int = 1000, _ body: (ListPage) async throws -> Void
    ) async throws -> Int64 {
        var page = try await list(ListRequest(prefix: prefix, revision: revision, limit: pageSize))
        try await body(page)
        while let token = page.continueToken {
            page = try await list(ListRequest(prefix: prefix, limit: pageSize, continueToken: token))
            try await body(page)
        }
        return page.revision
    }
}
