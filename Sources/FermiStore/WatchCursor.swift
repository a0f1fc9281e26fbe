import Foundation

/// How far a watch has read a backend's history.
struct WatchPosition: Sendable, Hashable {
    /// Every row with a revision up to this one has been examined.
    var revision: Int64
    /// The id of the last row examined; nil until the first read anchors the watch.
    var rowID: Int64?
}

/// The changes after a watch position, as one backend read them from one snapshot.
struct ChangePage: Sendable {
    var events: [WatchEvent]
    var position: WatchPosition
}

/// A backend that keeps its own revision history (memory, SQLite) and serves watches from it.
protocol ChangeLog: Sendable {
    /// Up to `limit` changes to keys in `range` after `position`, from one snapshot.
    ///
    /// Throws `StoreError.gone` when history after `position.revision` has been compacted.
    func changes(in range: KeyRange, after position: WatchPosition, limit: Int) async throws
        -> ChangePage

    /// The signal that says the revision moved.
    var revisionSignal: RevisionSignal { get }
}

/// Pulls a watch's events from a `ChangeLog` page by page, waiting on its signal when caught
/// up. Pulling keeps memory bounded: a slow watcher reads from history, not from a buffer.
actor WatchCursor {
    private let log: any ChangeLog
    private let range: KeyRange
    private var position: WatchPosition
    private var buffered: [WatchEvent] = []
    private var nextIndex = 0
    private static let pageSize = 512

    init(log: any ChangeLog, range: KeyRange, after revision: Int64) {
        self.log = log
        self.range = range
        self.position = WatchPosition(revision: revision, rowID: nil)
    }

    /// The next event, or nil when the watching task is cancelled.
    func next() async throws -> WatchEvent? {
        while nextIndex == buffered.count {
            if Task.isCancelled { return nil }
            let page: ChangePage
            do {
                page = try await log.changes(in: range, after: position, limit: Self.pageSize)
            } catch is CancellationError {
                return nil
            }
            position = page.position
            buffered = page.events
            nextIndex = 0
            if buffered.isEmpty {
                await log.revisionSignal.wait(untilPast: position.revision)
            }
        }
        defer { nextIndex += 1 }
        var event = buffered[nextIndex]
        // The page holds the rest of the event's revision, or has examined all of it.
        event.endsRevision =
            nextIndex + 1 < buffered.count ? buffered[nextIndex + 1].revision > event.revision : position.revision >= event.revision
        return event
    }

    /// A stream that reads through this cursor on demand.
    nonisolated func stream() -> WatchStream {
        WatchStream(unfolding: { try await self.next() })
    }
}
