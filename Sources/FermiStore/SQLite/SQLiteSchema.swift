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
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    key BLOB NOT NULL,
                    revision INTEGER NOT NULL,
                    create_revision INTEGER NOT NULL,
                    prev_revision INTEGER NOT NULL,
                    version INTEGER NOT NULL,
                    deleted INTEGER NOT NULL,
                    value BLOB NOT NULL
                );
                CREATE UNIQUE INDEX kv_key_revision ON kv (key, revision);
                CREATE INDEX kv_revision ON kv (revision);
                CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO meta (name, value) VALUES ('revision', 0), ('compacted', 0);
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

    static func meta(_ db: Database, _ name: String) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = ?", arguments: [name])
            ?? 0
    }

    static func setMeta(_ db: Database, _ name: String, _ value: Int64) throws {
        try db.execute(
            sql: "UPDATE meta SET value = ? WHERE name = ?", arguments: [value, name])
    }
}
