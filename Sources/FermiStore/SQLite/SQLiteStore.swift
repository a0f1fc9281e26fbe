import Foundation
import GRDB
import Synchronization

/// The embedded default store: one SQLite file in WAL mode, durable on every commit
/// (`synchronous = FULL`), shared safely by every process that opens it.
///
/// Watchers in this process wake at once on local commits; other processes' commits are seen by
/// polling the revision every few milliseconds while anyone watches. Reads of single keys and of
/// the revision go straight to SQLite on the calling thread (`SQLitePointReads`); lists, watches
/// and writes go through GRDB.
public final class SQLiteStore: Store, ChangeLog {
    /// The path of the database file.
    public let path: String
    private let pool: DatabasePool
    private let pointReads: SQLitePointReads
    let revisionSignal: RevisionSignal
    private let commitQueue = Mutex(CommitQueue())

    /// Opens (creating if needed) the store at `path`.
    public init(path: String, pollInterval: Duration = .milliseconds(5)) throws {
        self.path = path
        var configuration = Configuration()
        // Other processes hold the write lock for a commit at a time: wait for it, don't fail.
        configuration.busyMode = .timeout(60)
        configuration.label = "fermi-store"
        // A new file gets 8 KiB pages (an existing one keeps its own): stored objects are a
        // few kilobytes each (an applied manifest carries its last-applied record too), and 4 KiB
        // pages held one or two, so a bulk commit wrote a page per object. Applying 10,000
        // objects committed in 390 ms rather than 450; larger pages cost the simulation's small
        // scattered writes more than they saved.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)") }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.writeWithoutTransaction { db in
                // GRDB picks NORMAL for WAL; a write must survive power loss once acknowledged.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // A larger page cache keeps the key index in memory for bulk writes.
                try db.execute(sql: "PRAGMA cache_size = -65536")
                // Checkpoint every 64 MiB of log, not every 4 MiB: a checkpoint writes each page
                // once however often the log rewrote it, and the hot pages (the table's tail,
                // the index's inner pages, the revision counter) are rewritten by every commit.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 16384")
                try db.inTransaction(.immediate) {
                    try SQLiteSchema.prepare(db, path: path)
                    return .commit
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unavailable(reason: "cannot open \(path): \(error)")
        }
        let pointReads = SQLitePointReads(path: path)
        self.pointReads = pointReads
        revisionSignal = RevisionSignal(
            poll: { try pointReads.meta("revision") },
            pollInterval: pollInterval)
    }

    /// The `synchronous` setting of the writing connection: 2 means FULL.
    public func synchronousMode() throws -> Int {
        try pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        }
    }

    /// The page size of files the store creates.
    static let pageSize = 8192

    /// The page size of the file, in bytes.
    public func filePageSize() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
    }

    /// The journal mode of the file: `wal` for a store.
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// SQLite's own check of the file's structure: `ok` when it is sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
        }
    }

    /// Closes the file; the store cannot be used afterwards.
    public func close() throws {
        pointReads.close()
        try pool.close()
    }

    public func currentRevision() async throws -> Int64 {
        try pointReads.meta("revision")
    }

    public func get(_ key: String) async throws -> KeyValue {
        guard let value = try pointReads.currentValue(key) else {
            throw StoreError.notFound(key: key)
        }
        return value
    }

    public func currentValues(of keys: [String]) async throws -> [KeyValue?] {
        try pointReads.currentValues(keys)
    }

    public func list(_ request: ListRequest) async throws -> ListPage {
        let start = try request.resolvedStart()
        let range = KeyRange(prefix: request.prefix)
        return try await read { db in
            let current = try SQLiteSchema.meta(db, "revision")
            let revision = start.revision ?? current
            try Self.checkReadable(db, revision, current: current)
            var conditions = ["revision <= ?"]
            var arguments: StatementArguments = [revision]
            if let after = start.after {
                conditions.append("key > ?")
                _ = arguments.append(contentsOf: [Data(after.utf8)])
            } else {
                conditions.append("key >= ?")
                _ = arguments.append(contentsOf: [Data(range.lower)])
            }
            if let upper = range.upper {
                conditions.append("key < ?")
                _ = arguments.append(contentsOf: [Data(upper)])
            }
            var sql = """
                SELECT id, key, MAX(revision), create_revision, prev_revision, version, deleted,
                    value
                FROM kv WHERE \(conditions.joined(separator: " AND "))
                GROUP BY key HAVING deleted = 0 ORDER BY key
                """
            if let limit = request.limit {
                sql += " LIMIT ?"
                _ = arguments.append(contentsOf: [limit + 1])
            }
            // Read through a cursor: each row is taken straight from the statement, without
            // first copying every row of the page.
            var items: [KeyValue] = []
            items.reserveCapacity(request.limit.map { $0 + 1 } ?? 0)
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
            while let row = try rows.next() {
                if let item = SQLiteSchema.historyRow(row).keyValue { items.append(item) }
            }
            let hasMore = request.limit.map { items.count > $0 } ?? false
            if hasMore { items.removeLast() }
            return ListPage(
                items: items, revision: revision,
                continueToken: request.nextToken(
                    revision: revision, lastKey: items.last?.key, hasMore: hasMore))
        }
    }

    public func commit(_ writes: [StoreWrite]) async throws -> CommitResult {
        try WriteRules.checkBatch(writes)
        if writes.isEmpty { return CommitResult(revision: try await currentRevision(), results: []) }
        // Group commit: calls that arrive while a transaction is being written wait for the
        // next one, which carries them all (each at its own revision, each all-or-nothing
        // checked whole before any of it is written), so many writers share one fsync.
        let request = CommitRequest(writes)
        let leads = commitQueue.withLock { queue -> Bool in
            queue.waiting.append(request)
            defer { queue.leading = true }
            return !queue.leading
        }
        if leads {
            // The transactions are written by a task of their own, not by this call: under
            // steady load the queue is never empty, and a caller that wrote until it was
            // would wait seconds for an answer it had long had. Nor does its cancellation
            // fail the others' commits.
            Task { await self.commitWhileWaiting() }
        }
        return try await request.outcome()
    }

    /// Writes a transaction of every waiting commit, again and again until none is waiting,
    /// then stops leading.
    private func commitWhileWaiting() async {
        while true {
            let batch = commitQueue.withLock { queue -> [CommitRequest] in
                if queue.waiting.isEmpty { queue.leading = false }
                defer { queue.waiting = [] }
                return queue.waiting
            }
            if batch.isEmpty { return }
            await commitTogether(batch)
        }
    }

    /// Writes `batch` in one transaction, each request at its own revision; a request that
    /// fails (a conflict, say) fails alone.
    private func commitTogether(_ batch: [CommitRequest]) async {
        let writesOfBatch = batch.map(\.writes)
        let outcomes: [Result<CommitResult, any Error>]
        do {
            outcomes = try await write { db in try Self.apply(writesOfBatch, in: db) }
        } catch {
            for request in batch { request.resolve(.failure(error)) }
            return
        }
        let newest = outcomes.compactMap { try? $0.get().revision }.max()
        if let newest { revisionSignal.advance(to: newest) }
        for (request, outcome) in zip(batch, outcomes) { request.resolve(outcome) }
    }

    /// Applies each commit's writes at its own next revision, inside the open transaction.
    /// A commit is checked whole before any of it is written, so one that breaks a rule fails
    /// alone with nothing to roll back (no savepoint per commit); the counters are read and
    /// written once, and the rows of every commit go in together.
    private static func apply(_ commits: [[StoreWrite]], in db: Database) throws -> [Result<CommitResult, any Error>] {
        let storedRevision = try SQLiteSchema.meta(db, "revision")
        var revision = storedRevision
        // Row ids are handed out here, never reused (a compacted last row must not give its
        // id to a newer one: watchers resume after ids).
        var rowID = try SQLiteSchema.meta(db, "last_row_id")
        var current = CurrentValues(db: db)
        var inserter = SQLiteRowInserter()
        var outcomes: [Result<CommitResult, any Error>] = []
        outcomes.reserveCapacity(commits.count)
        for writes in commits {
            let changes: [AppliedWrite]
            do {
                changes = try writes.map { write in try WriteRules.apply(write, to: try current.value(for: write), at: revision + 1) }
            } catch let error as StoreError {
                outcomes.append(.failure(error))
                continue
            }
            revision += 1
            for change in changes {
                rowID += 1
                try inserter.insert(
                    id: rowID, key: Data(change.result.key.utf8), revision: revision,
                    createRevision: change.newValue?.createRevision ?? 0,
                    previousRevision: change.previous?.modRevision ?? 0,
                    version: change.newValue?.version ?? 0, deleted: change.newValue == nil,
                    value: change.newValue?.value ?? Data(), into: db)
                current.written[change.result.key] = .some(change.newValue)
            }
            outcomes.append(.success(CommitResult(revision: revision, results: changes.map(\.result))))
        }
        try inserter.flush(db)
        if revision != storedRevision {
            try SQLiteSchema.setMeta(db, "revision", revision)
            try SQLiteSchema.setMeta(db, "last_row_id", rowID)
        }
        return outcomes
    }

    /// Keys' current values inside a write transaction: as an earlier commit of it left them,
    /// else their newest rows.
    private struct CurrentValues {
        let db: Database
        /// What this transaction's commits wrote so far (nil: deleted); not yet in the table.
        var written: [String: KeyValue?] = [:]

        /// The current value of the key `write` names; its bytes are read only for deletes,
        /// which return them.
        func value(for write: StoreWrite) throws -> KeyValue? {
            if let value = written[write.key] { return value }
            let keyBytes = Data(write.key.utf8)
            let latest = try db.cachedStatement(
                sql: """
                    SELECT revision, create_revision, version, deleted FROM kv
                    WHERE key = ? ORDER BY revision DESC LIMIT 1
                    """)
            latest.setUncheckedArguments([keyBytes])
            guard let row = try Row.fetchOne(latest), !(row[3] as Bool) else { return nil }
            let modRevision: Int64 = row[0]
            var value = Data()
            if case .delete = write {
                let latestValue = try db.cachedStatement(sql: "SELECT value FROM kv WHERE key = ? AND revision = ?")
                latestValue.setUncheckedArguments([keyBytes, modRevision])
                value = try Data.fetchOne(latestValue) ?? Data()
            }
            return KeyValue(key: write.key, value: value, createRevision: row[1], modRevision: modRevision, version: row[2])
        }
    }

    public func watch(prefix: String, after revision: Int64) async throws -> WatchStream {
        try await read { db in
            // Watching from a future revision is allowed: its changes arrive when they happen.
            try Self.checkReadable(db, revision, current: nil)
        }
        return WatchCursor(log: self, range: KeyRange(prefix: prefix), after: revision).stream()
    }

    public func compact(to target: Int64) async throws {
        try await write { db in
            let current = try SQLiteSchema.meta(db, "revision")
            try Self.checkReadable(db, target, current: current)
            guard target > (try SQLiteSchema.meta(db, "compacted")) else {
                throw StoreError.gone(revision: target)
            }
            // Keep every row after the target, and each key's newest row at or before it unless
            // that row is a tombstone.
            try db.execute(
                sql: """
                    DELETE FROM kv WHERE id <= :lastID AND (deleted = 1 OR EXISTS (
                        SELECT 1 FROM kv AS newer WHERE newer.key = kv.key
                        AND newer.revision > kv.revision AND newer.revision <= :target))
                    """,
                arguments: ["target": target, "lastID": try SQLiteSchema.lastRowID(atOrBefore: target, db)])
            try SQLiteSchema.setMeta(db, "compacted", target)
        }
    }

    func changes(in range: KeyRange, after position: WatchPosition, limit: Int) async throws
        -> ChangePage
    {
        try await read { db in
            let current = try SQLiteSchema.meta(db, "revision")
            try Self.checkReadable(db, position.revision, current: nil)
            let after = try position.rowID ?? SQLiteSchema.lastRowID(atOrBefore: position.revision, db)
            var conditions = ["k.id > ?", "k.key >= ?"]
            var arguments: StatementArguments = [after, Data(range.lower)]
            if let upper = range.upper {
                conditions.append("k.key < ?")
                _ = arguments.append(contentsOf: [Data(upper)])
            }
            // One row more than the page: the row after it says whether the page ends a revision.
            _ = arguments.append(contentsOf: [limit + 1])
            let prefixedColumns = SQLiteSchema.rowColumns.split(separator: ", ")
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(prefixedColumns.map { "k.\($0)" }.joined(separator: ", ")),
                            \(prefixedColumns.map { "p.\($0)" }.joined(separator: ", "))
                        FROM kv AS k LEFT JOIN kv AS p
                            ON p.key = k.key AND p.revision = k.prev_revision
                        WHERE \(conditions.joined(separator: " AND ")) ORDER BY k.id LIMIT ?
                        """),
                arguments: arguments)
            let events = rows.prefix(limit).map { row in
                let previous: HistoryRow? =
                    row[8] == nil ? nil : SQLiteSchema.historyRow(row, at: 8)
                return SQLiteSchema.historyRow(row).event(previous: previous)
            }
            if rows.count > limit {
                // A full page may end inside a batch: only the revisions before the next row's are done.
                let nextRevision: Int64 = rows[limit][2]
                return ChangePage(
                    events: events,
                    position: WatchPosition(revision: nextRevision - 1, rowID: rows[limit - 1][0]))
            }
            let lastRowID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM kv") ?? 0
            return ChangePage(
                events: events,
                position: WatchPosition(
                    revision: max(current, position.revision),
                    rowID: max(lastRowID, position.rowID ?? 0)))
        }
    }

    /// Fails when `revision` has been compacted away or, given `current`, is in the future.
    private static func checkReadable(_ db: Database, _ revision: Int64, current: Int64?) throws {
        if revision < (try SQLiteSchema.meta(db, "compacted")) {
            throw StoreError.gone(revision: revision)
        }
        if let current, revision > current {
            throw StoreError.futureRevision(revision: revision, currentRevision: current)
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T)
        async throws -> T
    {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.storeError(error)
        }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T)
        async throws -> T
    {
        do {
            return try await pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    private static func storeError(_ error: any Error) -> any Error {
        if error is StoreError || error is CancellationError { return error }
        return StoreError.unavailable(reason: "sqlite: \(error)")
    }
}
