import FermiAPI

/// Creates, changes, applies and deletes objects, as controller-runtime's `client.Writer`
/// does: the in-process `APIServer` and `RemoteAPI` (over HTTP) both write this way.
public protocol ObjectWriter: Sendable {
    /// Creates `object` after defaulting and validating it; with `dryRun`, only says what
    /// would be created.
    func create<T: APIObject>(_ object: T, dryRun: Bool) async throws -> T

    /// Replaces an object's spec and metadata, keeping its status; with a resourceVersion set,
    /// only if the object is still at it.
    func update<T: APIObject>(_ object: T, dryRun: Bool) async throws -> T

    /// Changes an object with a JSON merge patch.
    func patch<T: APIObject>(_ type: T.Type, namespace: String, name: String, mergePatch: JSONValue) async throws -> T

    /// Deletes an object (one with finalizers is only marked) and returns it as last stored.
    @discardableResult
    func delete<T: APIObject>(
        _ type: T.Type, namespace: String, name: String, propagationPolicy: PropagationPolicy,
        preconditions: DeletePreconditions
    ) async throws -> T

    /// Creates or updates `object` as `kubectl apply` does (a three-way merge with the
    /// manifest last applied), and says whether it was created, configured or unchanged.
    /// `document` is the manifest as its file wrote it, recorded as last applied (nil: the
    /// object's own JSON is).
    func apply<T: APIObject>(_ object: T, writtenAs document: JSONValue?, dryRun: Bool) async throws
        -> (object: T, outcome: ApplyOutcome)

    /// Applies many manifests, namespaces first, each as `apply` does; results in that order.
    func applyAll(_ manifests: [AppliedManifest]) async throws -> [(object: any APIObject, outcome: ApplyOutcome)]

    /// Whether `applyAll` decides and admits every manifest before it writes any, so that one
    /// it rejects leaves everything as it was (`RejectedManifests`); when not, whoever needs
    /// that checks the manifests first.
    var appliesAllOrNothing: Bool { get }
}

extension ObjectWriter {
    /// Creates `object` after defaulting and validating it.
    public func create<T: APIObject>(_ object: T) async throws -> T {
        try await create(object, dryRun: false)
    }

    /// Replaces an object's spec and metadata, keeping its status.
    public func update<T: APIObject>(_ object: T) async throws -> T {
        try await update(object, dryRun: false)
    }

    /// Deletes an object with no preconditions.
    @discardableResult
    public func delete<T: APIObject>(
        _ type: T.Type, namespace: String = "default", name: String, propagationPolicy: PropagationPolicy = .background
    ) async throws -> T {
        try await delete(type, namespace: namespace, name: name, propagationPolicy: propagationPolicy, preconditions: DeletePreconditions())
    }

    /// Creates or updates `object` as `kubectl apply` does, recording its own JSON as last applied.
    public func apply<T: APIObject>(_ object: T, dryRun: Bool = false) async throws -> (object: T, outcome: ApplyOutcome) {
        try await apply(object, writtenAs: nil, dryRun: dryRun)
    }

    /// Applies many objects, namespaces first, each recording its own JSON as last applied.
    public func applyAll(_ objects: [any APIObject]) async throws -> [(object: any APIObject, outcome: ApplyOutcome)] {
        try await applyAll(objects.map { AppliedManifest($0) })
    }

    /// Applies an object of any served kind, recording its own JSON as last applied.
    public func applyAny(_ object: any APIObject, dryRun: Bool = false) async throws
        -> (object: any APIObject, outcome: ApplyOutcome)
    {
        try await applyAny(AppliedManifest(object), dryRun: dryRun)
    }

    /// Applies a manifest's object of any served kind, recording its document as last applied.
    public func applyAny(_ manifest: AppliedManifest, dryRun: Bool = false) async throws
        -> (object: any APIObject, outcome: ApplyOutcome)
    {
        let result = try await apply(manifest.object, writtenAs: manifest.document, dryRun: dryRun)
        return (result.object, result.outcome)
    }
}
