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
        let prepared = try prepareApply(manifest, configuration: configuration, current: stored)
        guard !dryRun, let write = prepared.write else { return (prepared.object, prepared.outcome) }
        var written = prepared.object
        do {
            let revision = try await store.commit([write]).revision
            written.metadata.resourceVersion = String(revision)
            remember(written, at: key, revision: revision)
        } catch {
            throw APIError.from(error, resource: T.resource, name: written.name)
        }
        return (written, prepared.outcome)
    }

    /// Applies many manifests, namespaces first, in batches of 500.
    public func applyAll(_ manifests: [AppliedManifest]) async throws -> [(object: any APIObject, outcome: ApplyOutcome)] {
        try await applyAll(manifests, batchSize: 500)
    }

    /// Applies many manifests, committing their writes in batches so that a folder of thousands
    /// applies at the store's batch rate; a batch that meets a concurrent change is applied
    /// again object by object.
    public func applyAll(_ manifests: [AppliedManifest], batchSize: Int) async throws
        -> [(object: any APIObject, outcome: ApplyOutcome)]
    {
        // Namespaces are committed first: the objects that go in them are admitted only once
        // they exist.
        let isNamespace = { (manifest: AppliedManifest) in
            type(of: manifest.object).resource.group.isEmpty && type(of: manifest.object).resource.kind == "Namespace"
        }
        let namespaces = manifests.filter(isNamespace)
        if !namespaces.isEmpty {
            return try await applyInBatches(namespaces, batchSize: batchSize)
                + applyInBatches(manifests.filter { !isNamespace($0) }, batchSize: batchSize)
        }
        return try await applyInBatches(manifests, batchSize: batchSize)
    }

    private func applyInBatches(_ manifests: [AppliedManifest], batchSize: Int) async throws
        -> [(object: any APIObject, outcome: ApplyOutcome)]
    {
        var results: [(object: any APIObject, outcome: ApplyOutcome)] = []
        results.reserveCapacity(manifests.count)
        var namespacesFound: Set<String> = []
        // One batch is committed while the next is decided: deciding is CPU work on every
        // core, committing is mostly the store's. A batch decided against values that the
        // batch before it then changes fails its commit and is applied object by object.
        var committing: Task<[(object: any APIObject, outcome: ApplyOutcome)], any Error>?
        defer { committing?.cancel() }
        for start in stride(from: 0, to: manifests.count, by: batchSize) {
            // Deciding each apply is CPU work on values alone (the last-applied record,
            // merge, defaults, validation, encoding): the batch is shared out over the cores.
            let batch = manifests[start..<min(start + batchSize, manifests.count)]
                .concurrentMap(minimumPerPart: 50) { Self.recorded($0) }
            for (object, _) in batch where type(of: object).resource.namespaced && !namespacesFound.contains(object.namespace) {
                try await requireNamespace(object.namespace)
                namespacesFound.insert(object.namespace)
            }
            let keys = batch.map { StorageKey.key(of: type(of: $0.object).resource, namespace: $0.object.namespace, name: $0.object.name) }
            let stored: [KeyValue?]
            do {
                stored = try await store.currentValues(of: keys)
            } catch {
                throw APIError.from(error, resource: type(of: batch[0].object).resource, name: batch[0].object.name)
            }
            let prepared = try Array(zip(batch, stored)).concurrentMap(minimumPerPart: 50) {
                recorded, current in try self.prepareApplyAny(recorded.object, configuration: recorded.configuration, current: current)
            }
            if let previous = committing { results += try await previous.value }
            committing = Task { try await self.commit(prepared, of: batch) }
        }
        if let last = committing { results += try await last.value }
        return results
    }

    /// Commits a batch's decided applies together, or, when one of them meets a concurrent
    /// change, applies the batch again object by object, in order.
    private func commit(_ prepared: [PreparedApply], of batch: [(object: any APIObject, configuration: JSONValue)]) async throws
        -> [(object: any APIObject, outcome: ApplyOutcome)]
    {
        let writes = prepared.compactMap(\.write)
        do {
            let revision = writes.isEmpty ? nil : try await store.commit(writes).revision
            return prepared.map { item in
                var object = item.object
                if let write = item.write, let revision {
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

    /// One object's apply, decided and admitted but not yet written.
    struct PreparedApply {
        var object: any APIObject
        var outcome: ApplyOutcome
        /// The store write that carries it out; nil when nothing changes.
        var write: StoreWrite?
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
        let prepared = try prepareApply(object, configuration: configuration, current: current)
        return PreparedApply(object: prepared.object, outcome: prepared.outcome, write: prepared.write)
    }

    /// What applying `manifest` (from `ClientSideApply.manifest`, recording `configuration`)
    /// over `stored` (its current value, nil when it has none) does.
    private func prepareApply<T: APIObject>(_ manifest: T, configuration: JSONValue, current stored: KeyValue?) throws
        -> (object: T, outcome: ApplyOutcome, write: StoreWrite?)
    {
        let key = StorageKey.key(of: T.resource, namespace: manifest.namespace, name: manifest.name)
        guard let stored else {
            var created = manifest
            try stampNew(&created)
            return (created, .created, .create(key: key, value: try ObjectCodec.encode(created)))
        }
        let current = try ObjectCodec.decode(T.self, from: stored)
        guard var next = try ClientSideApply.merged(manifest, configuration: configuration, over: current) else {
            return (current, .unchanged, nil)
        }
        ObjectRules.keepStatus(of: current, in: &next)
        next = try admitReplacement(of: current, with: next)
        var unversioned = next
        unversioned.metadata.resourceVersion = nil
        return (
            next, .configured,
            .update(key: key, value: try ObjectCodec.encode(unversioned), expectedRevision: revision(of: current))
        )
    }

    static func decode<T: APIObject>(_ type: T.Type, _ value: JSONValue) throws -> T {
        try JSONValueDecoder.decode(T.self, from: value)
    }
}
