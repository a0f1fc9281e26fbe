import FermiAPI
import FermiStore
import Foundation

/// What an apply did to an object, as kubectl prints it.
public enum ApplyOutcome: String, Sendable {
    case created
    case configured
    case unchanged
}

extension APIServer {
    /// Creates or updates `object` as `kubectl apply` does: fields removed from the manifest
    /// since the last apply are removed, fields the manifest never set are kept, and an apply
    /// that changes nothing writes nothing. `document` is the manifest as its file wrote it,
    /// recorded as last applied (nil: the object's own JSON is).
    public func apply<T: APIObject>(_ object: T, writtenAs document: JSONValue?, dryRun: Bool = false) async throws
        -> (object: T, outcome: ApplyOutcome)
    {
        let (manifest, configuration) = ClientSideApply.manifest(object, writtenAs: document)
        if T.resource.namespaced { try await requireNamespace(manifest.namespace) }
        let key = StorageKey.key(of: T.resource, namespace: manifest.namespace, name: manifest.name)
        let stored: KeyValue?
        do {
            stored = try await store.getIfPresent(key)
        } catch {
            throw APIError.from(error, resource: T.resource, name: manifest.name)
        }
        let decided = try prepareApply(manifest, configuration: configuration, current: stored)
        let prepared = PreparedApply(object: decided.object, outcome: decided.outcome, target: decided.target)
        guard !dryRun, let write = try prepared.storeWrite() else { return (decided.object, prepared.outcome) }
        var written = decided.object
        do {
            let revision = try await store.commit([write]).revision
            written.metadata.resourceVersion = String(revision)
            remember(written, at: key, revision: revision)
        } catch {
            throw APIError.from(error, resource: T.resource, name: written.name)
        }
        return (written, prepared.outcome)
    }

    /// `applyAll` decides every manifest before it commits any.
    public var appliesAllOrNothing: Bool { true }

    /// Applies many manifests, namespaces first, in batches of 2,000: every one is decided and
    /// admitted before any is written, so that one the server rejects stops them all.
    public func applyAll(_ manifests: [AppliedManifest]) async throws -> [(object: any APIObject, outcome: ApplyOutcome)] {
        // With every apply decided first, batches only divide the writing: larger ones write
        // each store page fewer times (10,000 objects committed in 350 ms in batches of 2,000,
        // 395 ms in batches of 500), while still overlapping one batch's encoding with the
        // commit of the one before.
        try await applyAll(manifests, batchSize: 2000)
    }

    /// Applies many manifests, namespaces first, committing their writes in batches so that a
    /// folder of thousands applies at the store's batch rate. Every apply is decided (merged,
    /// defaulted, validated) before any is committed: when any fails, nothing is written and
    /// `RejectedManifests` names each that failed, as a multi-document `kubectl apply`
    /// validates everything first. A batch that meets a concurrent change is applied again
    /// object by object.
    public func applyAll(_ manifests: [AppliedManifest], batchSize: Int) async throws
        -> [(object: any APIObject, outcome: ApplyOutcome)]
    {
        // Namespaces go first: their batch is committed before the objects that go in them.
        let isNamespace = manifests.map { type(of: $0.object).resource.group.isEmpty && type(of: $0.object).resource.kind == "Namespace" }
        let order = manifests.indices.filter { isNamespace[$0] } + manifests.indices.filter { !isNamespace[$0] }
        // Deciding each apply is CPU work on values alone (the last-applied record, merge,
        // defaults, validation): it is shared out over the cores.
        let recorded = order.map { manifests[$0] }.concurrentMap(minimumPerPart: 50) { Self.recorded($0) }
        let created = Set(order.filter { isNamespace[$0] }.map { manifests[$0].object.name })
        var namespacesFound: Set<String> = []
        for (object, _) in recorded where type(of: object).resource.namespaced && !created.contains(object.namespace) {
            if namespacesFound.insert(object.namespace).inserted { try await requireNamespace(object.namespace) }
        }
        let keys = recorded.map { StorageKey.key(of: type(of: $0.object).resource, namespace: $0.object.namespace, name: $0.object.name) }
        var stored: [KeyValue?] = []
        stored.reserveCapacity(keys.count)
        for start in stride(from: 0, to: keys.count, by: batchSize) {
            do {
                stored += try await store.currentValues(of: Array(keys[start..<min(start + batchSize, keys.count)]))
            } catch {
                throw APIError.from(error, resource: type(of: recorded[start].object).resource, name: recorded[start].object.name)
            }
        }
        let decided = Array(zip(recorded, stored)).concurrentMap(minimumPerPart: 50) { recorded, current in
            Result { try self.prepareApplyAny(recorded.object, configuration: recorded.configuration, current: current) }
        }
        var prepared: [PreparedApply] = []
        prepared.reserveCapacity(decided.count)
        var failures: [RejectedManifests.Failure] = []
        for (position, decision) in decided.enumerated() {
            switch decision {
            case .success(let apply): prepared.append(apply)
            case .failure(let error): failures.append(RejectedManifests.Failure(index: order[position], error: error))
            }
        }
        guard failures.isEmpty else { throw RejectedManifests(failures: failures.sorted { $0.index < $1.index }) }
        var results: [(object: any APIObject, outcome: ApplyOutcome)] = []
        results.reserveCapacity(manifests.count)
        // One batch is committed while the next is encoded, on one core each: encoding on
        // every core as well took the store's commits a third longer, and the store's writing
        // is the longer of the two. The first batch is a quarter of the others, so that the
        // store starts writing after a short wait for the first encoding.
        var committing: Task<[(object: any APIObject, outcome: ApplyOutcome)], any Error>?
        defer { committing?.cancel() }
        var start = 0
        while start < prepared.count {
            let range = start..<min(start + (start == 0 ? max(1, batchSize / 4) : batchSize), prepared.count)
            start = range.upperBound
            let batch = Array(prepared[range])
            let writes = try batch.map { try $0.storeWrite() }
            if let previous = committing { results += try await previous.value }
            let applied = Array(recorded[range])
            committing = Task { try await self.commit(batch, writes: writes, of: applied) }
        }
        if let last = committing { results += try await last.value }
        return results
    }

    /// Commits a batch's decided applies (`writes`, one per apply, nil for one that changes
    /// nothing) together, or, when one of them meets a concurrent change, applies the batch
    /// again object by object, in order.
    private func commit(
        _ prepared: [PreparedApply], writes: [StoreWrite?], of batch: [(object: any APIObject, configuration: JSONValue)]
    ) async throws -> [(object: any APIObject, outcome: ApplyOutcome)] {
        let changes = writes.compactMap { $0 }
        do {
            let revision = changes.isEmpty ? nil : try await store.commit(changes).revision
            return zip(prepared, writes).map { item, write in
                var object = item.object
                if let write, let revision {
                    object.metadata.resourceVersion = String(revision)
                    remember(object, at: write.key, revision: revision)
                }
                return (object, item.outcome)
            }
        } catch StoreError.conflict, StoreError.alreadyExists, StoreError.notFound, StoreError.duplicateKey {
            // Someone else wrote one of these objects meanwhile, or the batch names one
            // object twice: each is applied on its own, in order.
            var results: [(object: any APIObject, outcome: ApplyOutcome)] = []
            for (object, configuration) in batch { results.append(try await applyRecorded(object, configuration: configuration)) }
            return results
        } catch {
            throw APIError.from(error, resource: type(of: batch[0].object).resource, name: batch[0].object.name)
        }
    }

    /// Changes an object with a JSON merge patch, then updates it as `update` does.
    public func patch<T: APIObject>(
        _ type: T.Type, namespace: String = "default", name: String, mergePatch: JSONValue
    ) async throws -> T {
        let current = try await get(T.self, namespace: namespace, name: name)
        let next = try Self.decode(T.self, MergePatch.apply(mergePatch, to: JSONValue.encoding(current)))
        return try await update(next)
    }

    /// One object's apply, decided and admitted but not yet encoded or written.
    struct PreparedApply {
        var object: any APIObject
        var outcome: ApplyOutcome
        /// How `object` is written; nil when nothing changes.
        var target: WriteTarget?

        /// The store write that carries it out; nil when nothing changes.
        func storeWrite() throws -> StoreWrite? {
            switch target {
            case nil:
                return nil
            case .create(let key):
                // New objects carry no resourceVersion (`stampNew` clears it).
                return .create(key: key, value: try ObjectCodec.encode(object))
            case .update(let key, let expectedRevision):
                // What is stored carries no resourceVersion: the store's revision is it.
                var unversioned = object
                unversioned.metadata.resourceVersion = nil
                return .update(key: key, value: try ObjectCodec.encode(unversioned), expectedRevision: expectedRevision)
            }
        }
    }

    /// Where a decided apply writes its object: a new key, or over the revision it was decided on.
    enum WriteTarget {
        case create(key: String)
        case update(key: String, expectedRevision: Int64?)
    }

    /// The manifest's object as applied (carrying its last-applied record) and that record.
    private static func recorded(_ manifest: AppliedManifest) -> (object: any APIObject, configuration: JSONValue) {
        func recorded<T: APIObject>(_ object: T) -> (object: any APIObject, configuration: JSONValue) {
            let (applied, configuration) = ClientSideApply.manifest(object, writtenAs: manifest.document)
            return (applied, configuration)
        }
        return recorded(manifest.object)
    }

    /// Applies an object already carrying its last-applied record, on its own.
    private func applyRecorded(_ object: any APIObject, configuration: JSONValue) async throws
        -> (object: any APIObject, outcome: ApplyOutcome)
    {
        let result = try await apply(object, writtenAs: configuration)
        return (result.object, result.outcome)
    }

    private func prepareApplyAny(_ object: any APIObject, configuration: JSONValue, current: KeyValue?) throws -> PreparedApply {
        let decided = try prepareApply(object, configuration: configuration, current: current)
        return PreparedApply(object: decided.object, outcome: decided.outcome, target: decided.target)
    }

    /// What applying `manifest` (from `ClientSideApply.manifest`, recording `configuration`)
    /// over `stored` (its current value, nil when it has none) does.
    private func prepareApply<T: APIObject>(_ manifest: T, configuration: JSONValue, current stored: KeyValue?) throws
        -> (object: T, outcome: ApplyOutcome, target: WriteTarget?)
    {
        let key = StorageKey.key(of: T.resource, namespace: manifest.namespace, name: manifest.name)
        guard let stored else {
            var created = manifest
            try stampNew(&created)
            return (created, .created, .create(key: key))
        }
        let current = try ObjectCodec.decode(T.self, from: stored)
        guard var next = try ClientSideApply.merged(manifest, configuration: configuration, over: current) else {
            return (current, .unchanged, nil)
        }
        ObjectRules.keepStatus(of: current, in: &next)
        next = try admitReplacement(of: current, with: next)
        return (next, .configured, .update(key: key, expectedRevision: revision(of: current)))
    }

    static func decode<T: APIObject>(_ type: T.Type, _ value: JSONValue) throws -> T {
        try JSONValueDecoder.decode(T.self, from: value)
    }
}
