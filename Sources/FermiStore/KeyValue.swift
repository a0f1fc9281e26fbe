import Foundation

/// One key's value at one revision, as etcd reports it.
public struct KeyValue: Sendable, Hashable {
    /// The key, e.g. `/registry/pods/default/trainer-0`.
    public var key: String
    /// The stored bytes (JSON, for Fermi's objects).
    public var value: Data
    /// The revision at which the key was created (since it was last absent).
    public var createRevision: Int64
    /// The revision of the key's last write.
    public var modRevision: Int64
    /// How many times the key was written since it was created; 1 right after creation.
    public var version: Int64

    public init(
        key: String, value: Data, createRevision: Int64, modRevision: Int64, version: Int64
    ) {
        self.key = key
        self.value = value
        self.createRevision = createRevision
        self.modRevision = modRevision
        self.version = version
    }
}

/// One write of a batch handed to `Store.commit`.
public enum StoreWrite: Sendable, Hashable {
    /// Creates the key; fails with `alreadyExists` if it exists.
    case create(key: String, value: Data)
    /// Replaces an existing key's value; fails with `notFound` if it is absent, and with
    /// `conflict` if an expected revision is given and the key's revision differs.
    case update(key: String, value: Data, expectedRevision: Int64?)
    /// Deletes an existing key, under the same conditions as `update`.
    case delete(key: String, expectedRevision: Int64?)

    /// The key this write touches.
    public var key: String {
        switch self {
        case .create(let key, _), .update(let key, _, _), .delete(let key, _): key
        }
    }
}

/// What a committed batch did: its revision and, per write, the resulting or deleted value.
public struct CommitResult: Sendable, Hashable {
    /// The revision every write of the batch was committed at.
    public var revision: Int64
    /// For each write, in order: the new value, or for a delete the value it removed.
    public var results: [KeyValue]

    public init(revision: Int64, results: [KeyValue]) {
        self.revision = revision
        self.results = results
    }
}

/// A request for one page of the keys under a prefix.
public struct ListRequest: Sendable, Hashable {
    /// Only keys that start with this; the empty prefix means every key.
    public var prefix: String
    /// The revision to read at; nil means the current one. Ignored with a continue token.
    public var revision: Int64?
    /// The most items to return; nil means no limit.
    public var limit: Int?
    /// The token of the previous page, to read the next one at the same revision.
    public var continueToken: String?

    public init(
        prefix: String, revision: Int64? = nil, limit: Int? = nil, continueToken: String? = nil
    ) {
        self.prefix = prefix
        self.revision = revision
        self.limit = limit
        self.continueToken = continueToken
    }
}

/// One page of a list, in key order, read at one revision.
public struct ListPage: Sendable, Hashable {
    /// The keys and values of this page, in byte order of the keys.
    public var items: [KeyValue]
    /// The revision the page was read at.
    public var revision: Int64
    /// Present when more keys follow: pass it back to read the next page.
    public var continueToken: String?

    public init(items: [KeyValue], revision: Int64, continueToken: String?) {
        self.items = items
        self.revision = revision
        self.continueToken = continueToken
    }
}

/// One change seen by a watch.
public struct WatchEvent: Sendable, Hashable {
    /// What happened to the key.
    public enum Kind: String, Sendable, Hashable {
        case created = "CREATED"
        case updated = "UPDATED"
        case deleted = "DELETED"
    }

    public var kind: Kind
    /// The key that changed.
    public var key: String
    /// The revision of the change.
    public var revision: Int64
    /// The value after the change; nil for a delete.
    public var current: KeyValue?
    /// The value before the change; nil for a create.
    public var previous: KeyValue?
    /// Whether this is the watch's last event of its revision: a write of several keys is one
    /// revision with an event for each, and a watcher has seen the whole revision only after
    /// this one.
    public var endsRevision: Bool

    public init(
        kind: Kind, key: String, revision: Int64, current: KeyValue?, previous: KeyValue?, endsRevision: Bool = true
    ) {
        self.kind = kind
        self.key = key
        self.revision = revision
        self.current = current
        self.previous = previous
        self.endsRevision = endsRevision
    }
}
