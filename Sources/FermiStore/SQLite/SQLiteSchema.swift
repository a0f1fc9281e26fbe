import Foundation
import GRDB

/// The SQLite file layout, after kine (the store under k3s): one row per key per revision, with
/// create and previous revisions and a deleted flag; watches read rows in id order.
enum SQLiteSchema {
    /// The layout version, kept in `PRAGMA user_version`; a newer file is refused, not guessed at.
    static let version = 1

    /// Creates the tables in an empty file, or checks the version of an existing one. Runs in
    /// an immediate transaction, so processes opening a new file together create it once.
    static func prepare(_ db: Database, path: String) throws {
        let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if found == version { return }
        guard found == 0 else {
            throw StoreError.unsupportedSchema(path: path, version: found, supported: version)
        }
        try db.execute(
            sql: """
                CREATE TABLE kv (
                    id INTEGER PRIMARY KEY,
                    key BLOB NOT NULL,
                    revision INTEGER NOT NULL,
                    create_revision INTEGER NOT NULL,
                    prev_revision INTEGER NOT NULL,
                    version INTEGER NOT NULL,
                    deleted INTEGER NOT NULL,
                    value BLOB NOT NULL
                );
                CREATE UNIQUE INDEX kv_key_revision ON kv (key, revision);
                CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO meta (name, value) VALUES ('revision', 0), ('compacted', 0), ('last_row_id', 0);
                PRAGMA user_version = \(version);
                """)
    }

    /// The columns of a history row, in the order `historyRow(_:at:)` reads them.
    static let rowColumns =
        "id, key, revision, create_revision, prev_revision, version, deleted, value"

    /// Reads a history row from `row`, starting at column `offset`.
    static func historyRow(_ row: Row, at offset: Int = 0) -> HistoryRow {
        let keyBytes: Data = row[offset + 1]
        return HistoryRow(
            id: row[offset], key: String(decoding: keyBytes, as: UTF8.self),
            revision: row[offset + 2], createRevision: row[offset + 3],
            previousRevision: row[offset + 4], version: row[offset + 5],
            deleted: row[offset + 6], value: row[offset + 7])
    }

    /// The id of the last row at or before `revision` (0 if none). Rows are stored in revision
    /// order, so ids and revisions rise together and a binary search over ids finds it without
    /// an index on revision.
    static func lastRowID(atOrBefore revision: Int64, _ db: Database) throws -> Int64 {
        let statement = try db.cachedStatement(sql: "SELECT id, revision FROM kv WHERE id >= ? ORDER BY id LIMIT 1")
        var low: Int64 = 0
        var high = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM kv") ?? 0
        // Invariant: rows with id <= low are at or before `revision`; rows with id > high are after.
        while low < high {
            let middle = low + (high - low + 1) / 2
            guard let row = try Row.fetchOne(statement, arguments: [middle]) else {
                high = middle - 1
                continue
            }
            let (id, rowRevision): (Int64, Int64) = (row[0], row[1])
            if rowRevision <= revision {
                low = id
            } else {
                high = middle - 1
            }
        }
        return low
    }

    /// The query of one counter of the meta table, by name.
    static let metaQuery = "SELECT value FROM meta WHERE name = ?"

    static func meta(_ db: Database, _ name: String) throws -> Int64 {
        let statement = try db.cachedStatement(sql: metaQuery)
        statement.setUncheckedArguments([name])
        return try Int64.fetchOne(statement) ?? 0
    }

    static func setMeta(_ db: Database, _ name: String, _ value: Int64) throws {
        let statement = try db.cachedStatement(sql: "UPDATE meta SET value = ? WHERE name = ?")
        statement.setUncheckedArguments([value, name])
        try statement.execute()
    }
}
