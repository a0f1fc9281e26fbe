import Foundation

/// The outcome of one write checked against its key's current value inside a commit.
struct AppliedWrite: Sendable {
    /// The key's value after the write; nil when the write deleted it.
    var newValue: KeyValue?
    /// The key's value before the write; nil when the write created it.
    var previous: KeyValue?

    /// What `CommitResult.results` reports for this write.
    var result: KeyValue {
        // A create or update always has a new value, a delete always a previous one.
        newValue ?? previous!
    }
}

/// The conditions of create, update and delete, shared by the backends that decide them
/// themselves (memory and SQLite), so that both decide them the same way.
enum WriteRules {
    /// Rejects a batch that names a key twice, as etcd rejects such a transaction.
    static func checkBatch(_ writes: [StoreWrite]) throws {
        var seen = Set<String>()
        for write in writes where !seen.insert(write.key).inserted {
            throw StoreError.duplicateKey(key: write.key)
        }
    }

    /// Checks `write` against `current` and computes the key's value at `revision`.
    static func apply(_ write: StoreWrite, to current: KeyValue?, at revision: Int64) throws
        -> AppliedWrite
    {
        switch write {
        case .create(let key, let value):
            guard current == nil else { throw StoreError.alreadyExists(key: key) }
            let created = KeyValue(
                key: key, value: value, createRevision: revision, modRevision: revision, version: 1)
            return AppliedWrite(newValue: created, previous: nil)
        case .update(let key, let value, let expectedRevision):
            let existing = try check(key, current, expectedRevision)
            let updated = KeyValue(
                key: key, value: value, createRevision: existing.createRevision,
                modRevision: revision, version: existing.version + 1)
            return AppliedWrite(newValue: updated, previous: existing)
        case .delete(let key, let expectedRevision):
            let existing = try check(key, current, expectedRevision)
            return AppliedWrite(newValue: nil, previous: existing)
        }
    }

    private static func check(_ key: String, _ current: KeyValue?, _ expectedRevision: Int64?)
        throws -> KeyValue
    {
        guard let current else { throw StoreError.notFound(key: key) }
        if let expectedRevision, expectedRevision != current.modRevision {
            throw StoreError.conflict(
                key: key, expectedRevision: expectedRevision, actualRevision: current.modRevision)
        }
        return current
    }
}
