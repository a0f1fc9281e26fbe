import FermiAPI
import FermiStore

/// One change to an object of any of the watched kinds, as a shared informer consumes it.
public struct AnyObjectEvent: Sendable {
    /// What happened, with Kubernetes' names; a bookmark only says the watch has reached
    /// `revision` (a change to a kind nobody asked for).
    public enum Kind: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
        case bookmark = "BOOKMARK"
    }

    public var kind: Kind
    /// The object after the change; for a delete, as it was last stored; nil for a bookmark.
    public var object: (any APIObject)?
    /// The store revision of the change.
    public var revision: Int64
    /// Whether no more changes of `revision` follow in this watch.
    public var endsRevision = true
}

/// Objects of several kinds read at one revision.
public struct KindsSnapshot: Sendable {
    /// Every object of the listed kinds, kind by kind in the order asked for.
    public var objects: [any APIObject]
    /// The revision it was read at: watch from here to follow it.
    public var revision: Int64
}

extension APIServer {
    /// Every object of the given kinds, read at one revision.
    public func list(kinds: [any APIObject.Type]) async throws -> KindsSnapshot {
        let revision = try await currentRevision()
        var objects: [any APIObject] = []
        for type in kinds {
            let prefix = StorageKey.prefix(of: type.resource)
            let page: ListPage
            do {
                page = try await store.listAll(prefix: prefix, revision: revision)
            } catch {
                throw APIError.from(error, resource: type.resource, name: "")
            }
            // Decoding is most of a first list (55,000 objects when `fermi up` starts on the
            // simulation benchmark's store): it is shared out over the cores.
            objects += try page.items.concurrentMap(minimumPerPart: 64) { item in try self.object(ofKind: type, from: item) }
        }
        return KindsSnapshot(objects: objects, revision: revision)
    }

    /// Every change to objects of the given kinds after `revision`, in revision order, from one
    /// watch of the store (changes to other kinds come as bookmarks); fails with
    /// `APIError.gone` when that revision has been compacted.
    public func watch(kinds: [any APIObject.Type], after revision: Int64) async throws
        -> AsyncThrowingStream<AnyObjectEvent, any Error>
    {
        let prefixes = kinds.map { (prefix: StorageKey.prefix(of: $0.resource), type: $0) }
        let stream: WatchStream
        do {
            stream = try await store.watch(prefix: "/registry/", after: revision)
        } catch {
            throw APIError.from(error, resource: kinds.first?.resource ?? NamespaceKey.resource, name: "")
        }
        let events = WatchEvents(stream.makeAsyncIterator(), resource: kinds.first?.resource ?? NamespaceKey.resource)
        return AsyncThrowingStream<AnyObjectEvent, any Error>(unfolding: {
            guard let event = try await events.next() else { return nil }
            guard let type = prefixes.first(where: { event.key.hasPrefix($0.prefix) })?.type else {
                return AnyObjectEvent(kind: .bookmark, object: nil, revision: event.revision, endsRevision: event.endsRevision)
            }
            switch event.kind {
            case .created:
                let object = try self.object(ofKind: type, from: event.current!)
                return AnyObjectEvent(kind: .added, object: object, revision: event.revision, endsRevision: event.endsRevision)
            case .updated:
                let object = try self.object(ofKind: type, from: event.current!)
                return AnyObjectEvent(kind: .modified, object: object, revision: event.revision, endsRevision: event.endsRevision)
            case .deleted:
                var last = try self.object(ofKind: type, from: event.previous!)
                last.metadata.resourceVersion = String(event.revision)
                return AnyObjectEvent(kind: .deleted, object: last, revision: event.revision, endsRevision: event.endsRevision)
            }
        })
    }

    /// The store's newest revision.
    public func currentRevision() async throws -> Int64 {
        do {
            return try await store.currentRevision()
        } catch {
            throw APIError.from(error, resource: NamespaceKey.resource, name: "")
        }
    }
}
