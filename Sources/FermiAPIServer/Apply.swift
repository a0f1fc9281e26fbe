import FermiAPI
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
        var manifest = object
        if T.resource.namespaced, manifest.namespace.isEmpty { manifest.metadata.namespace = "default" }
        manifest.metadata.annotations?[Self.lastAppliedAnnotation] = nil
        if manifest.metadata.annotations?.isEmpty == true { manifest.metadata.annotations = nil }
        let applied = try Self.canonicalJSON(manifest)
        manifest.metadata.annotations = (manifest.metadata.annotations ?? [:])
            .merging([Self.lastAppliedAnnotation: applied]) { _, new in new }

        let current: T
        do {
            current = try await get(T.self, namespace: manifest.namespace, name: manifest.name)
        } catch APIError.notFound {
            return (try await create(manifest, dryRun: dryRun), .created)
        }
        let original = current.metadata.annotations?[Self.lastAppliedAnnotation]
            .flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
        let live = JSONValue.encoding(current)
        let patch = MergePatch.threeWay(
            original: original, modified: JSONValue.encoding(manifest), current: live)
        var next = try Self.decode(T.self, MergePatch.apply(patch, to: live))
        next.setDefaults()
        guard JSONValue.encoding(next) != live else { return (current, .unchanged) }
        return (try await update(next, dryRun: dryRun), .configured)
    }

    /// Applies an object of any served kind (as decoded from a manifest).
    public func applyAny(_ object: any APIObject, dryRun: Bool = false) async throws
        -> (object: any APIObject, outcome: ApplyOutcome)
    {
        let result = try await apply(object, dryRun: dryRun)
        return (result.object, result.outcome)
    }

    /// Changes an object with a JSON merge patch, then updates it as `update` does.
    public func patch<T: APIObject>(
        _ type: T.Type, namespace: String = "default", name: String, mergePatch: JSONValue
    ) async throws -> T {
        let current = try await get(T.self, namespace: namespace, name: name)
        let next = try Self.decode(T.self, MergePatch.apply(mergePatch, to: JSONValue.encoding(current)))
        return try await update(next)
    }

    static func canonicalJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: APIObject>(_ type: T.Type, _ value: JSONValue) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }
}
