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
    /// The annotation holding the manifest last applied, as kubectl keeps it.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// Creates or updates `object` as `kubectl apply` does: fields removed from the manifest
    /// since the last apply are removed, fields the manifest never set are kept, and an apply
    /// that changes nothing writes nothing.
    public func apply<T: APIObject>(_ object: T, dryRun: Bool = false) async throws
        -> (object: T, outcome: ApplyOutcome)
    {
        let prepared = try await prepareApply(object)
        guard !dryRun, let write = prepared.write else { return (prepared.object, prepared.outcome) }
        var written = prepared.object
        do {
            written.metadata.resourceVersion = String(try await store.commit([write]).revision)
        } catch {
            throw APIError.from(error, resource: T.resource, name: written.name)
        }
        return (written, prepared.outcome)
    }

    /// Applies an object of any served kind (as decoded from a manifest).
    public func applyAny(_ object: any APIObject, dryRun: Bool = false) async throws
        -> (object: any APIObject, outcome: ApplyOutcome)
    {
        let result = try await apply(object, dryRun: dryRun)
        return (result.object, result.outcome)
    }

    /// Applies many objects, committing their writes in batches so that a folder of thousands
    /// applies at the store's batch rate; a batch that meets a concurrent change is applied
    /// again object by object.
    public func applyAll(_ objects: [any APIObject], batchSize: Int = 500) async throws
        -> [(object: any APIObject, outcome: ApplyOutcome)]
    {
        // Namespaces are committed first: the objects that go in them are admitted only once
        // they exist.
        let isNamespace = { (object: any APIObject) in
            type(of: object).resource.group.isEmpty && type(of: object).resource.kind == "Namespace"
        }
        let namespaces = objects.filter(isNamespace)
        if !namespaces.isEmpty {
            return try await applyInBatches(namespaces, batchSize: batchSize)
                + applyInBatches(objects.filter { !isNamespace($0) }, batchSize: batchSize)
        }
        return try await applyInBatches(objects, batchSize: batchSize)
    }

    private func applyInBatches(_ objects: [any APIObject], batchSize: Int) async throws
        -> [(object: any APIObject, outcome: ApplyOutcome)]
    {
        var results: [(object: any APIObject, outcome: ApplyOutcome)] = []
        results.reserveCapacity(objects.count)
        var start = 0
        while start < objects.count {
            let chunk = Array(objects[start..<min(start + batchSize, objects.count)])
            var prepared: [PreparedApply] = []
            for object in chunk { prepared.append(try await prepareApplyAny(object)) }
            let writes = prepared.compactMap(\.write)
            do {
                let revision = writes.isEmpty ? nil : try await store.commit(writes).revision
                for item in prepared {
                    var object = item.object
                    if item.write != nil, let revision { object.metadata.resourceVersion = String(revision) }
                    results.append((object, item.outcome))
                }
            } catch StoreError.conflict, StoreError.alreadyExists, StoreError.notFound {
                for object in chunk { results.append(try await applyAny(object)) }
            } catch {
                throw APIError.from(error, resource: type(of: chunk[0]).resource, name: chunk[0].name)
            }
            start += batchSize
        }
        return results
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

    private func prepareApplyAny(_ object: any APIObject) async throws -> PreparedApply {
        let prepared = try await prepareApply(object)
        return PreparedApply(object: prepared.object, outcome: prepared.outcome, write: prepared.write)
    }

    private func prepareApply<T: APIObject>(_ object: T) async throws
        -> (object: T, outcome: ApplyOutcome, write: StoreWrite?)
    {
        var manifest = object
        if T.resource.namespaced, manifest.namespace.isEmpty { manifest.metadata.namespace = "default" }
        manifest.metadata.annotations?[Self.lastAppliedAnnotation] = nil
        if manifest.metadata.annotations?.isEmpty == true { manifest.metadata.annotations = nil }
        let applied = try Self.canonicalJSON(manifest)
        manifest.metadata.annotations = (manifest.metadata.annotations ?? [:])
            .merging([Self.lastAppliedAnnotation: applied]) { _, new in new }
        let key = StorageKey.key(of: T.resource, namespace: manifest.namespace, name: manifest.name)

        let current: T
        do {
            current = try await get(T.self, namespace: manifest.namespace, name: manifest.name)
        } catch APIError.notFound {
            var created = manifest
            try await admitNew(&created)
            return (created, .created, .create(key: key, value: try ObjectCodec.encode(created)))
        }
        let original = current.metadata.annotations?[Self.lastAppliedAnnotation]
            .flatMap { try? JSONParser.parse(Data($0.utf8)) }
        let live = JSONValue.encoding(current)
        let patch = MergePatch.threeWay(
            original: original, modified: JSONValue.encoding(manifest), current: live)
        var next = try Self.decode(T.self, MergePatch.apply(patch, to: live))
        next.setDefaults()
        guard JSONValue.encoding(next) != live else { return (current, .unchanged, nil) }
        ObjectRules.keepStatus(of: current, in: &next)
        next = try admitReplacement(of: current, with: next)
        var stored = next
        stored.metadata.resourceVersion = nil
        return (
            next, .configured,
            .update(key: key, value: try ObjectCodec.encode(stored), expectedRevision: revision(of: current))
        )
    }

    static func canonicalJSON(_ value: some Encodable) throws -> String {
        JSONValue.compactJSON(try JSONValueEncoder.encode(value))
    }

    static func decode<T: APIObject>(_ type: T.Type, _ value: JSONValue) throws -> T {
        try JSONValueDecoder.decode(T.self, from: value)
    }
}
