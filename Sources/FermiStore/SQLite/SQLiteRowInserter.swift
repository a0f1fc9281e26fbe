import Foundation
import GRDB

/// Inserts a commit's history rows with multi-row INSERT statements, so that a batch of
/// hundreds of writes costs a handful of statement executions rather than one each.
struct SQLiteRowInserter {
    /// Rows per statement: 64 rows of 8 columns stays well inside SQLite's variable limit.
    static let rowsPerStatement = 64
    private static let columns = "id, key, revision, create_revision, prev_revision, version, deleted, value"

    private var pending: [(any DatabaseValueConvertible)?] = []
    private var pendingRows = 0

    /// Queues one row; full groups are written at once.
    mutating func insert(
        id: Int64, key: Data, revision: Int64, createRevision: Int64, previousRevision: Int64,
        version: Int64, deleted: Bool, value: Data, into db: Database
    ) throws {
        pending += [id, key, revision, createRevision, previousRevision, version, deleted, value]
        pendingRows += 1
        if pendingRows == Self.rowsPerStatement { try flush(db) }
    }

    /// Writes whatever is queued.
    mutating func flush(_ db: Database) throws {
        guard pendingRows > 0 else { return }
        let statement = try db.cachedStatement(sql: Self.sql(rows: pendingRows))
        statement.setUncheckedArguments(StatementArguments(pending))
        try statement.execute()
        pending.removeAll(keepingCapacity: true)
        pendingRows = 0
    }

    private static func sql(rows: Int) -> String {
        let tuple = "(?, ?, ?, ?, ?, ?, ?, ?)"
        return "INSERT INTO kv (\(columns)) VALUES "
            + Array(repeating: tuple, count: rows).joined(separator: ", ")
    }
}
