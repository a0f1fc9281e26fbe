// FermiAPIServer is the API layer over a Store: typed create, get, list, update, status
// updates, delete with finalizers, and watch, with Kubernetes' metadata rules (uid,
// creationTimestamp, generation, resourceVersion) and admission (defaults, validation,
// namespaces). Controllers and the CLI reach the store only through it.

import FermiAPI
import FermiStore
import Foundation

/// The in-process API server: Kubernetes' API semantics over any `Store`.
public final class APIServer: ObjectReader, ObjectWriter, StatusWriter {
    /// The store beneath; only the API layer touches it.
    public let store: any Store
    public let registry: KindRegistry
    private let now: @Sendable () -> Date
    private let makeUID: @Sendable () -> String
    /// What this server wrote or decoded last, for its watches, bindings and status writes to
    /// use without decoding: enough that each of 50,000 simulated pods is still there at its next write.
    let recentWrites = RecentWrites(capacity: 1_048_576)

    /// An API server over `store`; `now` gives creation and deletion times and `makeUID`
    /// new objects' uids (inject both for deterministic simulations).
    public init(
        store: any Store, registry: KindRegistry = .served,
        now: @escaping @Sendable () -> Date = { Date() },
        makeUID: @escaping @Sendable () -> String = RandomUID.make
    ) {
        self.store = store
        self.registry = registry
        self.now = now
        self.makeUID = makeUID
    }

    /// The time this server stamps objects with now (simulated time, in a simulation).
    public func currentTime() -> Date {
        now()
    }

    // MARK: - Reading

    /// The object `name` of kind `T` in `namespace` (ignored for cluster-scoped kinds).
    public func get<T: APIObject>(_ type: T.Type, namespace: String = "default", name: String)
        async throws -> T
    {
        let key = StorageKey.key(of: T.resource, namespace: namespace, name: name)
        do {
            return try object(T.self, from: try await store.get(key))
        } catch {
            throw APIError.from(error, resource: T.resource, name: name)
        }
    }

    /// The objects of kind `T` in `namespace` (nil: all namespaces) that match the selectors,
    /// read at one revision, and that revision.
    public func list<T: APIObject>(
        _ type: T.Type, namespace: String? = nil, labels: LabelSelectorQuery = .init(),
        fields: FieldSelectorQuery = .init()
    ) async throws -> ObjectList<T> {
        let prefix = StorageKey.prefix(of: T.resource, namespace: namespace)
        let page: ListPage
        do {
            page = try await store.listAll(prefix: prefix)
        } catch {
            throw APIError.from(error, resource: T.resource, name: "")
        }
        var items: [T] = []
        items.reserveCapacity(page.items.count)
        for item in page.items {
            let object = try ObjectCodec.decode(T.self, from: item)
            guard labels.matches(object.metadata.labels ?? [:]) else { continue }
            if !fields.requirements.isEmpty, !fields.matches(JSONValue.encoding(object)) { continue }
            items.append(object)
        }
        return ObjectList(items: items, resourceVersion: String(page.revision))
    }

    // MARK: - Writing

    /// Creates `object` after defaulting and validating it; its namespace must exist.
    public func create<T: APIObject>(_ object: T, dryRun: Bool = false) async throws -> T {
        var object = object
        try await admitNew(&object)
        if dryRun { return object }
        let key = StorageKey.key(of: T.resource, namespace: object.namespace, name: object.name)
        do {
            let written = try await store.create(key, value: try ObjectCodec.encode(object))
            object.metadata.resourceVersion = String(written.modRevision)
            remember(object, at: key, revision: written.modRevision)
            return object
        } catch {
            throw APIError.from(error, resource: T.resource, name: object.name)
        }
    }

    /// Replaces an object's spec and metadata, keeping its status; with a resourceVersion set,
    /// only if the object is still at it. Generation moves when anything but metadata and
    /// status changed.
    public func update<T: APIObject>(_ object: T, dryRun: Bool = false) async throws -> T {
        try await replace(object, dryRun: dryRun) { old, new in
            ObjectRules.keepStatus(of: old, in: &new)
        }
    }

    /// Writes only the status of an object (the status subresource), with observed checks on
    /// resourceVersion as for `update`.
    public func updateStatus<T: APIObject>(_ object: T) async throws -> T {
        let namespace = T.resource.namespaced ? (object.metadata.namespace ?? "default") : ""
        let key = StorageKey.key(of: T.resource, namespace: namespace, name: object.name)
        // A status written over this server's own last status write (the kubelet's next step
        // of a pod) is not read back first: the write is a compare-and-swap on that revision,
        // so if anything wrote or deleted the key since, it fails, and the status is written as
        // below, over the value read, to fail or succeed as it would have.
        if T.resource.hasStatus, let revision = object.metadata.resourceVersion.flatMap({ Int64($0) }),
            let remembered = recentWrites.storedStatusWrite(at: key, revision: revision)
        {
            do {
                return try await writeStatus(object, over: remembered)
            } catch APIError.conflict, APIError.notFound {}
        }
        let stored: KeyValue
        do {
            stored = try await store.get(key)
        } catch {
            throw APIError.from(error, resource: T.resource, name: object.name)
        }
        guard T.resource.hasStatus else { return try ObjectCodec.decode(T.self, from: stored) }
        return try await writeStatus(object, over: stored)
    }

    private func writeStatus<T: APIObject>(_ object: T, over stored: KeyValue) async throws -> T {
        var (next, value) = try statusWrite(of: object, over: stored)
        do {
            let written = try await store.update(stored.key, value: value, expectedRevision: stored.modRevision)
            next.metadata.resourceVersion = String(written.modRevision)
            remember(next, at: stored.key, revision: written.modRevision, statusWrite: written)
            return next
        } catch {
            throw APIError.from(error, resource: T.resource, name: object.name)
        }
    }

    /// The stored object with `object`'s status, validated, and its JSON to write: worked on
    /// as JSON (fields the types do not know are kept), with one encode of the status. When
    /// this server remembers writing the stored value, the new status is spliced into its bytes
    /// and the object is the remembered one with the new status; else the JSON is parsed, edited
    /// and decoded.
    func statusWrite<T: APIObject>(of object: T, over stored: KeyValue) throws -> (T, Data) {
        if let wanted = object.metadata.resourceVersion, !wanted.isEmpty, wanted != String(stored.modRevision) {
            throw APIError.conflict(resource: T.resource.qualifiedName, name: object.name)
        }
        if let remembered = recentWrites.object(writtenAs: stored) as? T,
            let bytes = Self.splicing(try Self.encodedStatusBytes(of: object), labelsAndAnnotationsOf: object, into: stored.value)
        {
            let next = Self.withStatus(of: object, on: remembered)
            #if DEBUG
            let edited = try Self.edited(stored, status: try Self.encodedStatus(of: object), labelsAndAnnotationsOf: object)
            precondition(bytes == JSONValue.compactJSONBytes(edited), "\(stored.key): the spliced status is not the edited JSON")
            var decoded = try Self.decode(T.self, edited)
            decoded.metadata.resourceVersion = next.metadata.resourceVersion
            precondition(
                decoded == next, "\(stored.key): the remembered object with a new status is not what its JSON decodes to")
            #endif
            try Self.admitStatus(next)
            return (next, Data(bytes))
        }
        let edited = try Self.edited(stored, status: try Self.encodedStatus(of: object), labelsAndAnnotationsOf: object)
        let next = try Self.decode(T.self, edited)
        try Self.admitStatus(next)
        return (next, Data(JSONValue.compactJSONBytes(edited)))
    }

    /// The stored object's JSON with `status` in place of its own (and, for kinds whose status
    /// writes carry them, `object`'s labels and annotations).
    private static func edited<T: APIObject>(_ stored: KeyValue, status: JSONValue?, labelsAndAnnotationsOf object: T) throws
        -> JSONValue
    {
        guard case .object(var members) = try JSONParser.parse(stored.value) else {
            throw APIError.unavailable("\(stored.key) does not hold an object")
        }
        members["status"] = status
        if T.resource.statusWritesLabelsAndAnnotations, case .object(var metadata)? = members["metadata"] {
            metadata["labels"] = stringMap(object.metadata.labels)
            metadata["annotations"] = stringMap(object.metadata.annotations)
            members["metadata"] = .object(metadata)
        }
        return .object(members)
    }

    /// The stored bytes with `status` (compact JSON; nil: none) in place of theirs (and, for
    /// kinds whose status writes carry them, `object`'s labels and annotations): the bytes
    /// `edited` written out would give, without the parse. Nil when the bytes are not the
    /// compact, sorted JSON this server writes.
    private static func splicing<T: APIObject>(_ status: [UInt8]?, labelsAndAnnotationsOf object: T, into stored: Data)
        -> [UInt8]?
    {
        var bytes: [UInt8]? = StoredJSON.replacing("status", with: status, of: Array(stored))
        if T.resource.statusWritesLabelsAndAnnotations {
            bytes = bytes.flatMap {
                StoredJSON.replacing(
                    "labels", in: "metadata", with: stringMap(object.metadata.labels).map(JSONValue.compactJSONBytes), of: $0)
            }
            bytes = bytes.flatMap {
                StoredJSON.replacing(
                    "annotations", in: "metadata", with: stringMap(object.metadata.annotations).map(JSONValue.compactJSONBytes),
                    of: $0)
            }
        }
        return bytes
    }

    /// Refuses a status the kind's rules reject.
    private static func admitStatus<T: APIObject>(_ next: T) throws {
        let errors = next.validateStatusUpdate()
        guard errors.isEmpty else {
            throw APIError.invalid(kind: T.resource.kindQualifiedName, name: next.name, errors: errors)
        }
    }

    /// `stored` with `object`'s status (and, for kinds whose status writes carry them, its
    /// labels and annotations), as the JSON edit in `statusWrite` makes it.
    private static func withStatus<T: APIObject>(of object: T, on stored: T) -> T {
        var next = stored
        ObjectRules.keepStatus(of: object, in: &next)
        if T.resource.statusWritesLabelsAndAnnotations {
            next.metadata.labels = object.metadata.labels.flatMap { $0.isEmpty ? nil : $0 }
            next.metadata.annotations = object.metadata.annotations.flatMap { $0.isEmpty ? nil : $0 }
        }
        return next
    }

    /// A map of strings as JSON; nil (left out) when empty, as upstream leaves it out.
    private static func stringMap(_ map: [String: String]?) -> JSONValue? {
        guard let map, !map.isEmpty else { return nil }
        return .object(map.mapValues { .string($0) })
    }

    /// `object`'s status as JSON (nil: none). A kind whose status is typed encodes just that,
    /// not the whole object around it.
    private static func encodedStatus<T: APIObject>(of object: T) throws -> JSONValue? {
        guard let object = object as? any StatusHavingObject else { return try JSONValueEncoder.encode(object)["status"] }
        return try status(of: object)
    }

    private static func status<T: StatusHavingObject>(of object: T) throws -> JSONValue? {
        try object.status.map(JSONValueEncoder.encode)
    }

    /// `object`'s status as compact JSON bytes (nil: none), written straight from the typed
    /// status when the kind has one.
    private static func encodedStatusBytes<T: APIObject>(of object: T) throws -> [UInt8]? {
        guard let object = object as? any StatusHavingObject else { return try encodedStatus(of: object).map(JSONValue.compactJSONBytes) }
        return try statusBytes(of: object)
    }

    private static func statusBytes<T: StatusHavingObject>(of object: T) throws -> [UInt8]? {
        guard let status = object.status else { return nil }
        return try JSONValueEncoder.encodeCompactJSONBytes(status)
    }

    /// Deletes an object; one with finalizers is only marked (deletionTimestamp) until they
    /// are cleared. With `.foreground` its dependents go first and with `.orphan` they are
    /// let go, both through the garbage collector's finalizers; `.background` (the default)
    /// deletes it now and leaves its dependents to the collector. Returns the object as it was
    /// last stored. Preconditions are checked against the object the delete acts on.
    @discardableResult
    public func delete<T: APIObject>(
        _ type: T.Type, namespace: String = "default", name: String,
        propagationPolicy: PropagationPolicy = .background, preconditions: DeletePreconditions = .init()
    ) async throws -> T {
        let current = try await get(T.self, namespace: namespace, name: name)
        try preconditions.check(current)
        var finalizers = current.metadata.finalizers ?? []
        if let finalizer = propagationPolicy.finalizer, current.metadata.deletionTimestamp == nil,
            !finalizers.contains(finalizer)
        {
            finalizers.append(finalizer)
        }
        if !finalizers.isEmpty {
            guard current.metadata.deletionTimestamp == nil else { return current }
            var marked = current
            marked.metadata.finalizers = finalizers
            marked.metadata.deletionTimestamp = Timestamp(now())
            return try await write(marked, expectedRevision: revision(of: current))
        }
        let key = StorageKey.key(of: T.resource, namespace: namespace, name: name)
        do {
            try await store.delete(key, expectedRevision: revision(of: current))
        } catch {
            throw APIError.from(error, resource: T.resource, name: name)
        }
        return current
    }

    /// Creates the `default` namespace if it is missing, as a new cluster has it.
    public func ensureDefaultNamespace() async throws {
        let key = StorageKey.key(of: NamespaceKey.resource, namespace: "", name: "default")
        guard try await store.getIfPresent(key) == nil else { return }
        let namespace: JSONValue = .object([
            "apiVersion": .string("v1"), "kind": .string("Namespace"),
            "metadata": .object([
                "name": .string("default"), "uid": .string(makeUID()),
                "creationTimestamp": .string(Timestamp(now()).description),
            ]),
            "spec": .object(["finalizers": .array([.string("kubernetes")])]),
            "status": .object(["phase": .string("Active")]),
        ])
        do {
            // Compact with sorted keys, as every stored object is: status writes splice into them.
            try await store.create(key, value: Data(JSONValue.compactJSONBytes(namespace)))
        } catch StoreError.alreadyExists {
            // Another process created it first: that is the wanted outcome.
        }
    }

    // MARK: - Internals

    func admitNew<T: APIObject>(_ object: inout T) async throws {
        try stampNew(&object)
        if T.resource.namespaced { try await requireNamespace(object.namespace) }
    }

    /// A new object as the server stores it: server-set metadata stamped, status cleared,
    /// defaulted and validated; its namespace is not checked here.
    func stampNew<T: APIObject>(_ object: inout T) throws {
        if T.resource.namespaced {
            if object.namespace.isEmpty { object.metadata.namespace = "default" }
        } else {
            object.metadata.namespace = nil
        }
        if (object.metadata.name ?? "").isEmpty, let prefix = object.metadata.generateName {
            object.metadata.name = prefix + String(makeUID().prefix(5))
        }
        object.apiVersion = T.resource.apiVersion
        object.kind = T.resource.kind
        object.metadata.uid = makeUID()
        object.metadata.creationTimestamp = Timestamp(now())
        object.metadata.generation = 1
        object.metadata.resourceVersion = nil
        object.metadata.deletionTimestamp = nil
        if T.resource.hasStatus { ObjectRules.clearStatus(&object) }
        object.setDefaultsOnCreate()
        object.setDefaults()
        try admit(object)
    }

    private func admit<T: APIObject>(_ object: T) throws {
        let errors = object.validate()
        guard errors.isEmpty else {
            throw APIError.invalid(kind: T.resource.kindQualifiedName, name: object.name, errors: errors)
        }
    }

    private func replace<T: APIObject>(
        _ object: T, dryRun: Bool, merge: (T, inout T) -> Void
    ) async throws -> T {
        let namespace = T.resource.namespaced ? (object.metadata.namespace ?? "default") : ""
        let current = try await get(T.self, namespace: namespace, name: object.name)
        if let wanted = object.metadata.resourceVersion, !wanted.isEmpty,
            wanted != current.metadata.resourceVersion
        {
            throw APIError.conflict(resource: T.resource.qualifiedName, name: object.name)
        }
        var next = object
        merge(current, &next)
        next = try admitReplacement(of: current, with: next)
        if dryRun { return next }
        if next.metadata.deletionTimestamp != nil, (next.metadata.finalizers ?? []).isEmpty {
            // The last finalizer is gone from an object being deleted: now it goes.
            let key = StorageKey.key(of: T.resource, namespace: namespace, name: next.name)
            do {
                try await store.delete(key, expectedRevision: revision(of: current))
            } catch {
                throw APIError.from(error, resource: T.resource, name: next.name)
            }
            return next
        }
        return try await write(next, expectedRevision: revision(of: current))
    }

    /// `next` as it may replace `current`: system metadata carried over, defaulted, validated,
    /// and its generation moved if anything but metadata and status changed.
    func admitReplacement<T: APIObject>(of current: T, with next: T) throws -> T {
        var next = next
        ObjectRules.carrySystemMetadata(from: current, into: &next)
        next.setDefaults()
        try admit(next)
        if ObjectRules.specDiffers(current, next) {
            next.metadata.generation = (current.metadata.generation ?? 0) + 1
        }
        return next
    }

    private func write<T: APIObject>(_ object: T, expectedRevision: Int64?) async throws -> T {
        var object = object
        object.metadata.resourceVersion = nil
        let key = StorageKey.key(of: T.resource, namespace: object.namespace, name: object.name)
        do {
            let written = try await store.update(
                key, value: try ObjectCodec.encode(object), expectedRevision: expectedRevision)
            object.metadata.resourceVersion = String(written.modRevision)
            remember(object, at: key, revision: written.modRevision)
            return object
        } catch {
            throw APIError.from(error, resource: T.resource, name: object.name)
        }
    }

    func requireNamespace(_ namespace: String) async throws {
        guard try await namespaceExists(namespace) else {
            throw APIError.namespaceNotFound(namespace)
        }
    }

    /// Whether the namespace `name` exists.
    public func namespaceExists(_ name: String) async throws -> Bool {
        let key = StorageKey.key(of: NamespaceKey.resource, namespace: "", name: name)
        do {
            return try await store.getIfPresent(key) != nil
        } catch {
            throw APIError.from(error, resource: NamespaceKey.resource, name: name)
        }
    }

    func revision<T: APIObject>(of object: T) -> Int64? {
        object.metadata.revision
    }
}

/// The objects of one kind read at one revision.
public struct ObjectList<T: APIObject>: Sendable {
    public var items: [T]
    /// The store revision the list was read at: watch from here to follow it.
    public var resourceVersion: String
}

/// Where namespaces are stored, without depending on the Namespace type.
enum NamespaceKey {
    static let resource = APIResource(
        group: "", version: "v1", kind: "Namespace", plural: "namespaces", shortNames: ["ns"],
        namespaced: false)
}
