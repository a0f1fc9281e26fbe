/// Why a store call failed; each case carries what a person needs to act on it.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The key does not exist.
    case notFound(key: String)
    /// A create named a key that already exists.
    case alreadyExists(key: String)
    /// The key's revision was not the expected one: someone else wrote it first.
    case conflict(key: String, expectedRevision: Int64, actualRevision: Int64)
    /// The revision asked for has been compacted away; relist and watch from a newer one.
    case gone(revision: Int64)
    /// The revision asked for is newer than the store's current revision.
    case futureRevision(revision: Int64, currentRevision: Int64)
    /// One batch named the same key twice.
    case duplicateKey(key: String)
    /// A continue token that this store did not issue, or issued for another prefix.
    case invalidContinueToken(String)
    /// The file was written by a newer Fermi, with a schema this one cannot read.
    case unsupportedSchema(path: String, version: Int, supported: Int)
    /// The backend could not be reached or failed; the call may be retried.
    case unavailable(reason: String)

    public var description: String {
        switch self {
        case .notFound(let key):
            "key \(key) not found"
        case .alreadyExists(let key):
            "key \(key) already exists"
        case .conflict(let key, let expected, let actual):
            "conflict on key \(key): expected revision \(expected), found \(actual)"
        case .gone(let revision):
            "revision \(revision) has been compacted; relist and watch from a newer revision"
        case .futureRevision(let revision, let current):
            "revision \(revision) is newer than the current revision \(current)"
        case .duplicateKey(let key):
            "key \(key) appears more than once in one batch"
        case .invalidContinueToken(let token):
            "continue token \(token) is not valid for this list"
        case .unsupportedSchema(let path, let version, let supported):
            "\(path) has schema version \(version); this Fermi reads up to version \(supported)"
        case .unavailable(let reason):
            "store unavailable: \(reason)"
        }
    }
}
