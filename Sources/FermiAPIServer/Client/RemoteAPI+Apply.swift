import FermiAPI

extension RemoteAPI {
    /// The field manager of applies, as kubectl's is `kubectl-client-side-apply`.
    static let applyFieldManager = "fermi-client-side-apply"
    /// How many times an apply is decided again when another write overtakes it.
    static let applyAttempts = 5

    /// `kubectl apply` over HTTP, as kubectl does it: the live object is read, the manifest
    /// merged over it here (`ClientSideApply`, the same merge the in-process API makes), and
    /// the result written with the resourceVersion it was read at. A write another overtook
    /// (409) is decided again on what that one left.
    public func apply<T: APIObject>(_ object: T, writtenAs document: JSONValue?, dryRun: Bool) async throws
        -> (object: T, outcome: ApplyOutcome)
    {
        let (manifest, configuration) = ClientSideApply.manifest(object, writtenAs: document)
        for _ in 0..<Self.applyAttempts {
            let current: T
            do {
                current = try await get(T.self, namespace: manifest.namespace, name: manifest.name)
            } catch APIError.notFound {
                do {
                    return (try await create(manifest, dryRun: dryRun, fieldManager: Self.applyFieldManager), .created)
                } catch APIError.alreadyExists {
                    continue
                }
            }
            guard var next = try ClientSideApply.merged(manifest, configuration: configuration, over: current) else { return (current, .unchanged) }
            next.metadata.resourceVersion = current.metadata.resourceVersion
            do {
                return (try await update(next, dryRun: dryRun, fieldManager: Self.applyFieldManager), .configured)
            } catch APIError.conflict {
                continue
            }
        }
        throw APIError.conflict(resource: T.resource.qualifiedName, name: manifest.name)
    }

    /// Each manifest is its own request: one the server rejects comes after those before it
    /// were written.
    public var appliesAllOrNothing: Bool { false }

    /// Applies each manifest in turn, namespaces first: the objects in them are admitted only
    /// once they exist.
    public func applyAll(_ manifests: [AppliedManifest]) async throws -> [(object: any APIObject, outcome: ApplyOutcome)] {
        let isNamespace = { (manifest: AppliedManifest) in
            type(of: manifest.object).resource.group.isEmpty && type(of: manifest.object).resource.kind == "Namespace"
        }
        var results: [(object: any APIObject, outcome: ApplyOutcome)] = []
        for manifest in manifests.filter(isNamespace) + manifests.filter({ !isNamespace($0) }) {
            results.append(try await applyAny(manifest))
        }
        return results
    }
}
