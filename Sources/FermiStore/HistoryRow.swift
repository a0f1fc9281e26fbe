import Foundation

/// One row of a backend's revision history, as kine lays it out: a write of one key at one
/// revision, with a link to the row it superseded.
struct HistoryRow: Sendable, Hashable {
    /// The row's position in commit order; strictly increasing, never reused.
    var id: Int64
    var key: String
    var revision: Int64
    var createRevision: Int64
    /// The revision of the row this one superseded; 0 when the key was absent before.
    var previousRevision: Int64
    var version: Int64
    /// A tombstone: the key was deleted at `revision`.
    var deleted: Bool
    var value: Data

    /// The key's value as of this row; nil for a tombstone.
    var keyValue: KeyValue? {
        deleted
            ? nil
            : KeyValue(
                key: key, value: value, createRevision: createRevision, modRevision: revision,
                version: version)
    }

    /// The watch event this row records, given the row it superseded.
    func event(previous: HistoryRow?) -> WatchEvent {
        let previousValue = previous?.keyValue
        let kind: WatchEvent.Kind =
            deleted ? .deleted : (previousValue == nil ? .created : .updated)
        return WatchEvent(
            kind: kind, key: key, revision: revision, current: keyValue, previous: previousValue)
    }
}
