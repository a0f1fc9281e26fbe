import Foundation

/// Where a store lives, as people write it on the command line:
/// `sqlite:PATH` (or a bare path), `etcd:http://HOST:PORT` (or just the http URL), `memory:`.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    case sqlite(path: String)
    case etcd(endpoint: String)
    case memory

    /// Parses a location; anything that is neither a URL nor `memory:` is a SQLite path.
    public init(parsing text: String) {
        if text == "memory:" {
            self = .memory
        } else if text.hasPrefix("etcd:") {
            self = .etcd(endpoint: String(text.dropFirst("etcd:".count)))
        } else if text.hasPrefix("http://") || text.hasPrefix("https://") {
            self = .etcd(endpoint: text)
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else {
            self = .sqlite(path: text)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .etcd(let endpoint): "etcd:\(endpoint)"
        case .memory: "memory:"
        }
    }

    /// Opens the store at this location.
    public func open() throws -> any Store {
        switch self {
        case .sqlite(let path): try SQLiteStore(path: path)
        case .etcd(let endpoint): EtcdStore(endpoint: endpoint)
        case .memory: MemoryStore()
        }
    }
}
