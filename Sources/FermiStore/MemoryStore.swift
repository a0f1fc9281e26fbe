import Foundation

/// A store held in memory, with the same semantics as the others: for fast unit tests.
public actor MemoryStore: Store, ChangeLog {
    /// Every retained row in commit order.
    private var log: [HistoryRow] = []
    /// Each key's retained rows in revision order.
    private var history: [String: [HistoryRow]] = [:]
    private var revision: Int64 = 0
    private var compactedRevision: Int64 = 0
    private var nextRowID: Int64 = 1
    nonisolated let revisionSignal = RevisionSignal()

    public init() {}

    public func currentRevision() -> Int64 {
        revision
    }

    public func get(_ key: String) throws -> KeyValue {
        guard let value = history[key]?.last?.keyValue else {
            throw StoreError.notFound(key: key)
        }
        return value
    }

    public func list(_ request: ListRequest) throws -> ListPage {
        let start = try request.resolvedStart()
        let readRevision = try checkReadable(start.revision ?? revision)
        let range = KeyRange(prefix: request.prefix)
        let after = start.after.map { Array($0.utf8) }
        let keys = history.keys
            .map { Array($0.utf8) }
            .filter { key in
                range.contains(key) && (after.map { $0.lexicographicallyPrecedes(key) } ?? true)
            }
            .sorted { $0.lexicographicallyPrecedes($1) }
        var items: [KeyValue] = []
        var hasMore = false
        for keyBytes in keys {
            let key = String(decoding: keyBytes, as: UTF8.self)
            guard let row = history[key]?.last(where: { $0.revision <= readRevision }),
                let value = row.keyValue
            else { continue }
            if let limit = request.limit, items.count == limit {
                hasMore = true
                break
            }
            items.append(value)
        }
        return ListPage(
            items: items, revision: readRevision,
            continueToken: request.nextToken(
                revision: readRevision, lastKey: items.last?.key, hasMore: hasMore))
    }

    public func commit(_ writes: [StoreWrite]) throws -> CommitResult {
        try WriteRules.checkBatch(writes)
        if writes.isEmpty { return CommitResult(revision: revision, results: []) }
        let newRevision = revision + 1
        let applied = try writes.map { write in
            try WriteRules.apply(write, to: history[write.key]?.last?.keyValue, at: newRevision)
        }
        for (write, change) in zip(writes, applied) {
            let row = HistoryRow(
                id: nextRowID, key: write.key, revision: newRevision,
                createRevision: change.newValue?.createRevision ?? 0,
                previousRevision: change.previous?.modRevision ?? 0,
                version: change.newValue?.version ?? 0, deleted: change.newValue == nil,
                value: change.newValue?.value ?? Data())
            nextRowID += 1
            log.append(row)
            history[write.key, default: []].append(row)
        }
        revision = newRevision
        revisionSignal.advance(to: newRevision)
        return CommitResult(revision: newRevision, results: applied.map(\.result))
    }

    public func watch(prefix: String, after revision: Int64) throws -> WatchStream {
        _ = try checkReadable(revision, allowFuture: true)
        return WatchCursor(log: self, range: KeyRange(prefix: prefix), after: revision).stream()
    }

    public func compact(to target: Int64) throws {
        _ = try checkReadable(target)
        guard target > compactedRevision else { throw StoreError.gone(revision: target) }
        var removed = Set<Int64>()
        for (key, rows) in history {
            // Keep the newest row at or before the target unless it is a tombstone, and
            // everything after the target.
            let newestKept = rows.lastIndex { $0.revision <= target }
            let kept = rows.enumerated().filter { index, row in
                let keep =
                    row.revision > target || (index == newestKept && !row.deleted)
                if !keep { removed.insert(row.id) }
                return keep
            }.map(\.element)
            history[key] = kept.isEmpty ? nil : kept
        }
        log.removeAll { removed.contains($0.id) }
        compactedRevision = target
    }

    func changes(in range: KeyRange, after position: WatchPosition, limit: Int) throws
        -> ChangePage
    {
        guard position.revision >= compactedRevision else {
            throw StoreError.gone(revision: position.revision)
        }
        let startIndex =
            if let rowID = position.rowID {
                log.partitioningIndex { $0.id > rowID }
            } else {
                log.partitioningIndex { $0.revision > position.revision }
            }
        var events: [WatchEvent] = []
        var lastExamined = position.rowID ?? (startIndex > 0 ? log[startIndex - 1].id : 0)
        for row in log[startIndex...] {
            if events.count == limit {
                // A full page may end inside a batch: only the revisions before it are done.
                return ChangePage(
                    events: events,
                    position: WatchPosition(revision: row.revision - 1, rowID: lastExamined))
            }
            lastExamined = row.id
            guard range.contains(row.key) else { continue }
            let previous = history[row.key]?.last { $0.revision == row.previousRevision }
            events.append(row.event(previous: row.previousRevision == 0 ? nil : previous))
        }
        return ChangePage(
            events: events,
            position: WatchPosition(revision: max(revision, position.revision), rowID: lastExamined))
    }

    private func checkReadable(_ target: Int64, allowFuture: Bool = false) throws -> Int64 {
        if target < compactedRevision { throw StoreError.gone(revision: target) }
        if target > revision && !allowFuture {
            throw StoreError.futureRevision(revision: target, currentRevision: revision)
        }
        return target
    }
}

extension Array {
    /// The index of the first element for which `belongsToSecondPart` holds, in an array
    /// ordered so that it holds for a suffix (binary search).
    func partitioningIndex(where belongsToSecondPart: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if belongsToSecondPart(self[middle]) {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }
}
