import Foundation
import GRDBSQLite
import Synchronization

/// Reads of one key or one counter on read-only SQLite connections of their own, run on the
/// calling thread.
///
/// A GRDB pool read hops to a queue to find a reader and to another to use it, and builds key
/// paths and row copies on the way: about 30 µs for a lookup that SQLite does in a few. The API
/// server answers every GET with one such lookup, so they take this shorter road. Each statement
/// is its own read transaction, so it sees one committed revision, as a pool read does.
final class SQLitePointReads: Sendable {
    private let path: String
    /// Connections not in use. A read takes one (or opens one) and puts it back, so there are
    /// never more than the threads that read at once.
    private let idle = Mutex<(connections: [SQLiteReadConnection], closed: Bool)>(([], false))

    init(path: String) {
        self.path = path
    }

    /// The newest value of `key`, nil when it is absent or deleted.
    func currentValue(_ key: String) throws -> KeyValue? {
        try withConnection { try $0.currentValue(key) }
    }

    /// The newest values of `keys`, in order, all as of one revision.
    func currentValues(_ keys: [String]) throws -> [KeyValue?] {
        try withConnection { connection in
            try connection.inReadTransaction { try keys.map { try connection.currentValue($0) } }
        }
    }

    /// The counter `name` of the meta table (0 when absent).
    func meta(_ name: String) throws -> Int64 {
        try withConnection { try $0.meta(name) }
    }

    /// Closes the idle connections; ones in use close when they are put back.
    func close() {
        idle.withLock { state in
            state.closed = true
            state.connections.removeAll()
        }
    }

    private func withConnection<T>(_ body: (SQLiteReadConnection) throws -> T) throws -> T {
        let taken = try idle.withLock { state -> SQLiteReadConnection? in
            if state.closed { throw StoreError.unavailable(reason: "sqlite: the store at \(path) is closed") }
            return state.connections.popLast()
        }
        let connection = try taken ?? SQLiteReadConnection(path: path)
        defer {
            idle.withLock { state in
                if !state.closed { state.connections.append(connection) }
            }
        }
        return try body(connection)
    }
}

/// One read-only SQLite connection with its two prepared statements. Used by one thread at a
/// time (SQLitePointReads hands it out), hence unchecked.
final class SQLiteReadConnection: @unchecked Sendable {
    private let path: String
    private let handle: OpaquePointer
    private let currentValueStatement: OpaquePointer
    private let metaStatement: OpaquePointer

    init(path: String) throws {
        self.path = path
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let reason = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(opened)
            throw StoreError.unavailable(reason: "sqlite: cannot open \(path) to read: \(reason)")
        }
        // As the pool's connections: wait out another process's checkpoint or recovery, don't fail.
        sqlite3_busy_timeout(opened, 60_000)
        do {
            currentValueStatement = try Self.prepare(
                opened, path: path,
                "SELECT \(SQLiteSchema.rowColumns) FROM kv WHERE key = ? ORDER BY revision DESC LIMIT 1")
            do {
                metaStatement = try Self.prepare(opened, path: path, SQLiteSchema.metaQuery)
            } catch {
                sqlite3_finalize(currentValueStatement)
                throw error
            }
        } catch {
            sqlite3_close_v2(opened)
            throw error
        }
        handle = opened
    }

    deinit {
        sqlite3_finalize(currentValueStatement)
        sqlite3_finalize(metaStatement)
        sqlite3_close_v2(handle)
    }

    /// The newest row of `key` as a value, nil when there is none or it is a deletion.
    func currentValue(_ key: String) throws -> KeyValue? {
        let statement = currentValueStatement
        // Reset ends the statement's read transaction; a statement left stepped would pin its
        // snapshot and keep checkpoints from finishing.
        defer { sqlite3_reset(statement) }
        var keyBytes = Array(key.utf8)
        let bound = keyBytes.withUnsafeMutableBytes { bytes in
            sqlite3_bind_blob(statement, 1, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
        try check(bound, "binding the key")
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            let row = HistoryRow(
                id: sqlite3_column_int64(statement, 0), key: key,
                revision: sqlite3_column_int64(statement, 2),
                createRevision: sqlite3_column_int64(statement, 3),
                previousRevision: sqlite3_column_int64(statement, 4),
                version: sqlite3_column_int64(statement, 5),
                deleted: sqlite3_column_int64(statement, 6) != 0,
                value: Self.blob(statement, column: 7))
            return row.keyValue
        case SQLITE_DONE:
            return nil
        case let code:
            try check(code, "reading \(key)")
            return nil
        }
    }

    /// Runs `body` in one read transaction, so that its statements see one revision.
    func inReadTransaction<T>(_ body: () throws -> T) throws -> T {
        try check(sqlite3_exec(handle, "BEGIN DEFERRED", nil, nil, nil), "beginning a read")
        defer { sqlite3_exec(handle, "COMMIT", nil, nil, nil) }
        return try body()
    }

    /// The counter `name` of the meta table (0 when absent).
    func meta(_ name: String) throws -> Int64 {
        let statement = metaStatement
        defer { sqlite3_reset(statement) }
        try check(sqlite3_bind_text(statement, 1, name, -1, Self.transient), "binding \(name)")
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return sqlite3_column_int64(statement, 0)
        case SQLITE_DONE: return 0
        case let code:
            try check(code, "reading \(name)")
            return 0
        }
    }

    private func check(_ code: Int32, _ doing: String) throws {
        guard code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE else {
            throw StoreError.unavailable(
                reason: "sqlite: \(doing) in \(path): \(String(cString: sqlite3_errmsg(handle)))")
        }
    }

    private static func prepare(_ handle: OpaquePointer, path: String, _ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
            let statement
        else {
            throw StoreError.unavailable(
                reason: "sqlite: preparing a read of \(path): \(String(cString: sqlite3_errmsg(handle)))")
        }
        return statement
    }

    private static func blob(_ statement: OpaquePointer, column: Int32) -> Data {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    /// SQLite's SQLITE_TRANSIENT: copy the bound bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
