import FermiAPI
import Synchronization

/// A change an informer saw, handed to its handlers after its cache has taken it in.
public enum InformerEvent<T: APIObject>: Sendable {
    case added(T)
    case updated(old: T, new: T)
    case deleted(T)

    /// The object as it is now (for a delete, as it was last seen).
    public var object: T {
        switch self {
        case .added(let object), .deleted(let object): object
        case .updated(_, let new): new
        }
    }

    /// The object before and after the change (nil: not there).
    public var change: (old: T?, new: T?) {
        switch self {
        case .added(let object): (nil, object)
        case .updated(let old, let new): (old, new)
        case .deleted(let object): (object, nil)
        }
    }
}

/// The objects of one kind as last seen by the store's watch, kept in memory for controllers
/// to read without asking the store, with handlers told of every change.
///
/// Informers are made by an `InformerSet`, which lists and watches for all of them at once.
public final class Informer<T: APIObject>: Sendable {
    /// The cache, and the indexes over it (as client-go's indexers): for each index, the keys
    /// of the objects under each value.
    private struct Cache {
        var objects: [ObjectKey: T] = [:]
        var indexers: [String: @Sendable (T) -> [String]] = [:]
        var indexes: [String: [String: Set<ObjectKey>]] = [:]

        mutating func store(_ object: T?, at key: ObjectKey) {
            let old = objects[key]
            objects[key] = object
            for (name, values) in indexers {
                for value in old.map(values) ?? [] {
                    indexes[name]?[value]?.remove(key)
                    if indexes[name]?[value]?.isEmpty == true { indexes[name]?[value] = nil }
                }
                for value in object.map(values) ?? [] { indexes[name, default: [:]][value, default: []].insert(key) }
            }
        }
    }

    private let cache = Mutex(Cache())
    private let handlers = Mutex<[@Sendable (InformerEvent<T>) -> Void]>([])

    init() {}

    /// Keeps an index of the cache by the values `values` gives each object (a pod's node, a
    /// node's zone), for `objects(index:value:)`. Adding an index of a name again does nothing.
    public func addIndex(_ name: String, _ values: @escaping @Sendable (T) -> [String]) {
        cache.withLock { cache in
            guard cache.indexers[name] == nil else { return }
            cache.indexers[name] = values
            var index: [String: Set<ObjectKey>] = [:]
            for (key, object) in cache.objects {
                for value in values(object) { index[value, default: []].insert(key) }
            }
            cache.indexes[name] = index
        }
    }

    /// The objects whose index `name` holds `value`, ordered by key.
    public func objects(index name: String, value: String) -> [T] {
        cache.withLock { cache in
            (cache.indexes[name]?[value] ?? []).sorted().compactMap { cache.objects[$0] }
        }
    }

    /// How many objects index `name` holds under `value`.
    public func count(index name: String, value: String) -> Int {
        cache.withLock { $0.indexes[name]?[value]?.count ?? 0 }
    }

    /// The cached object with `key`, if it exists.
    public func object(_ key: ObjectKey) -> T? {
        cache.withLock { $0.objects[key] }
    }

    /// The cached object `name` in `namespace` (empty for cluster-scoped kinds).
    public func object(namespace: String = "", name: String) -> T? {
        object(ObjectKey(namespace: namespace, name: name))
    }

    /// Every cached object, or those in `namespace`, ordered by key.
    public func objects(in namespace: String? = nil) -> [T] {
        cache.withLock { cache in
            cache.objects.filter { namespace == nil || $0.key.namespace == namespace }.sorted { $0.key < $1.key }
                .map(\.value)
        }
    }

    /// Every cached object in no particular order: for callers that order what they need
    /// themselves, and would waste a sort of thousands of keys.
    public func unorderedObjects() -> [T] {
        cache.withLock { Array($0.objects.values) }
    }

    /// How many objects are cached.
    public var count: Int {
        cache.withLock { $0.objects.count }
    }

    /// Calls `handler` on every change from now on (and on every object already cached, as added).
    public func onChange(_ handler: @escaping @Sendable (InformerEvent<T>) -> Void) {
        let existing = cache.withLock { cache in
            handlers.withLock { $0.append(handler) }
            return cache.objects.sorted { $0.key < $1.key }.map(\.value)
        }
        for object in existing { handler(.added(object)) }
    }

    /// Replaces the cache with a fresh list, telling handlers what changed since the last one.
    func replace(with objects: [T]) {
        let fresh = Dictionary(objects.map { (ObjectKey($0), $0) }, uniquingKeysWith: { _, new in new })
        let events = cache.withLock { cache -> [InformerEvent<T>] in
            var events: [InformerEvent<T>] = []
            for (key, old) in cache.objects where fresh[key] == nil {
                events.append(.deleted(old))
                cache.store(nil, at: key)
            }
            for (key, new) in fresh.sorted(by: { $0.key < $1.key }) {
                if let old = cache.objects[key] {
                    if old.metadata.resourceVersion != new.metadata.resourceVersion {
                        events.append(.updated(old: old, new: new))
                    }
                } else {
                    events.append(.added(new))
                }
                cache.store(new, at: key)
            }
            return events
        }
        dispatch(events)
    }

    /// Takes in one watched change.
    func take(_ object: T, deleted: Bool) {
        let key = ObjectKey(object)
        let event = cache.withLock { cache -> InformerEvent<T> in
            let old = cache.objects[key]
            cache.store(deleted ? nil : object, at: key)
            if deleted { return .deleted(old ?? object) }
            return old.map { .updated(old: $0, new: object) } ?? .added(object)
        }
        dispatch([event])
    }

    private func dispatch(_ events: [InformerEvent<T>]) {
        guard !events.isEmpty else { return }
        let handlers = handlers.withLock { $0 }
        for event in events {
            for handler in handlers { handler(event) }
        }
    }
}

/// What an `InformerSet` needs of an informer of any kind.
protocol KindInformer: Sendable {
    var kind: any APIObject.Type { get }
    func replace(withAny objects: [any APIObject])
    func take(any object: any APIObject, deleted: Bool)
}

extension Informer: KindInformer {
    var kind: any APIObject.Type { T.self }

    func replace(withAny objects: [any APIObject]) {
        replace(with: objects.compactMap { $0 as? T })
    }

    func take(any object: any APIObject, deleted: Bool) {
        guard let object = object as? T else { return }
        take(object, deleted: deleted)
    }
}
