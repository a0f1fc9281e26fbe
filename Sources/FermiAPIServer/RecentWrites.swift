import FermiAPI
import FermiStore
import Synchronization

/// The objects this server wrote or read last, as typed, each with the revision it was
/// stored at, so that a watch hands on a change the server made itself without decoding the
/// bytes it has just encoded, and a status write or binding over it need not decode the
/// stored object. In a simulation nearly every change is made in-process (controllers, the
/// kubelet), and decoding them again was the largest cost of following the store. An object
/// goes in only as it was encoded for the store (revision aside) or as those bytes decoded,
/// so it is what they decode to; debug builds check that on every use. A key's latest write
/// is kept until `capacity` writes have come after it (1,048,576 for the server); a value not
/// found here (another process's, or an older one) is decoded, and then remembered.
final class RecentWrites: Sendable {
    private struct Written {
        var revision: Int64
        var object: any APIObject
        /// What a status write stored, kept so the next status write over it need not read it.
        var statusWrite: KeyValue?
    }

    private struct State {
        var latest: [String: Written] = [:]
        /// The last writes' keys and revisions, as a ring that grows to `capacity` (a server
        /// that writes little holds little): once full, the oldest goes when a new one comes.
        var ring: [(key: String, revision: Int64)] = []
        var next = 0
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Remembers `object` as stored at `storageKey` at `revision`, and the stored value when
    /// a status write stored it.
    func record(_ object: any APIObject, at storageKey: String, revision: Int64, statusWrite: KeyValue? = nil) {
        state.withLock { state in
            insert(object, at: storageKey, revision: revision, statusWrite: statusWrite, into: &state)
        }
    }

    /// Remembers `object`, decoded from what is stored at `storageKey` at `revision`, unless
    /// a write of the key as late or later is remembered already.
    func recordDecoded(_ object: any APIObject, at storageKey: String, revision: Int64) {
        state.withLock { state in
            if let known = state.latest[storageKey], known.revision >= revision { return }
            insert(object, at: storageKey, revision: revision, statusWrite: nil, into: &state)
        }
    }

    private func insert(
        _ object: any APIObject, at storageKey: String, revision: Int64, statusWrite: KeyValue?, into state: inout State
    ) {
        if state.ring.count < capacity {
            state.ring.append((storageKey, revision))
        } else {
            // The oldest write goes, unless its key was written again since.
            let oldest = state.ring[state.next]
            if state.latest[oldest.key]?.revision == oldest.revision { state.latest[oldest.key] = nil }
            state.ring[state.next] = (storageKey, revision)
            state.next = (state.next + 1) % capacity
        }
        state.latest[storageKey] = Written(revision: revision, object: object, statusWrite: statusWrite)
    }

    /// What this server's status write stored as `storageKey` at `revision`, if that is the
    /// key's latest write it remembers.
    func storedStatusWrite(at storageKey: String, revision: Int64) -> KeyValue? {
        state.withLock { state in
            guard let written = state.latest[storageKey], written.revision == revision else { return nil }
            return written.statusWrite
        }
    }

    /// The object this server wrote, or decoded, as `stored`, if it is remembered.
    func object(writtenAs stored: KeyValue) -> (any APIObject)? {
        state.withLock { state in
            guard let written = state.latest[stored.key], written.revision == stored.modRevision else { return nil }
            return written.object
        }
    }
}

extension APIServer {
    /// `stored` as an object of kind `type`: as this server remembers it, else decoded.
    func object(ofKind type: any APIObject.Type, from stored: KeyValue) throws -> any APIObject {
        guard let written = recentWrites.object(writtenAs: stored) else {
            // Remembered as read, so that this server's next write over it (a binding, a
            // status) is remembered too, and its watchers need not decode that either.
            let decoded = try ObjectCodec.decode(type, from: stored)
            recentWrites.recordDecoded(decoded, at: stored.key, revision: stored.modRevision)
            return decoded
        }
        #if DEBUG
        Self.checkSame(written, as: stored)
        #endif
        return written
    }

    /// `stored` as a `T`: as this server remembers it, else decoded.
    func object<T: APIObject>(_ type: T.Type, from stored: KeyValue) throws -> T {
        if let object = try object(ofKind: T.self, from: stored) as? T { return object }
        return try ObjectCodec.decode(T.self, from: stored)
    }

    /// Remembers `object`, just written as `storageKey` at `revision`, for watches (and, from
    /// a status write, what it stored, for the next status write).
    func remember(_ object: any APIObject, at storageKey: String, revision: Int64, statusWrite: KeyValue? = nil) {
        recentWrites.record(object, at: storageKey, revision: revision, statusWrite: statusWrite)
    }

    #if DEBUG
    /// Stops at once if a remembered object is not what its stored bytes decode to: a watch
    /// would hand on something no other reader of the store sees.
    private static func checkSame<T: APIObject>(_ written: T, as stored: KeyValue) {
        let decoded = try? ObjectCodec.decode(T.self, from: stored)
        precondition(
            decoded == written, "\(stored.key) at \(stored.modRevision) was remembered unlike what it decodes to")
    }
    #endif
}
