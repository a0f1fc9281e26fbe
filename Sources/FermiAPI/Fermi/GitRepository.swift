/// A Git repository of manifests that Fermi keeps the store in sync with
/// (`fermi.dev/v1alpha1`): where it is, which revision and folder to apply, how often to look,
/// and whether to prune what was removed and heal what drifted.
public struct GitRepository: StatusHavingObject {
    public static let resource = APIResource(
        group: "fermi.dev", version: "v1alpha1", kind: "GitRepository", plural: "gitrepositories",
        shortNames: ["gitrepo"], namespaced: true)

    public var apiVersion = GitRepository.resource.apiVersion
    public var kind = GitRepository.resource.kind
    public var metadata: ObjectMeta
    public var spec: GitRepositorySpec
    public var status: GitRepositoryStatus?

    public init(
        metadata: ObjectMeta, spec: GitRepositorySpec = GitRepositorySpec(), status: GitRepositoryStatus? = nil
    ) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// Which repository, revision and folder to apply, and how.
public struct GitRepositorySpec: Codable, Hashable, Sendable {
    /// Where the repository is: a local path, a `file://` URL, or an `http(s)://` Git URL.
    public var url: String?
    /// The revision to apply; the remote's default branch when absent.
    public var ref: GitReference?
    /// The folder inside the repository whose manifests are applied; the whole repository
    /// when absent.
    public var path: String?
    /// How often to fetch, as a Go duration (`1m`, `30s`); `1m` by default.
    public var interval: String?
    /// Whether objects applied before and gone from the repository are deleted.
    public var prune: Bool?
    /// Whether objects changed in the store so that they differ from Git are reverted.
    public var selfHeal: Bool?
    /// Whether syncing is paused.
    public var suspend: Bool?
    /// The namespace for namespaced objects whose manifests name none.
    public var targetNamespace: String?

    public init(
        url: String? = nil, ref: GitReference? = nil, path: String? = nil, interval: String? = nil,
        prune: Bool? = nil, selfHeal: Bool? = nil, suspend: Bool? = nil, targetNamespace: String? = nil
    ) {
        self.url = url
        self.ref = ref
        self.path = path
        self.interval = interval
        self.prune = prune
        self.selfHeal = selfHeal
        self.suspend = suspend
        self.targetNamespace = targetNamespace
    }
}

/// One revision of a repository: a branch, a tag or a commit (at most one).
public struct GitReference: Codable, Hashable, Sendable {
    /// A branch to follow (`main`).
    public var branch: String?
    /// A tag to apply (`v1.2.0`).
    public var tag: String?
    /// A commit id to apply, 7 to 40 hexadecimal digits.
    public var commit: String?

    public init(branch: String? = nil, tag: String? = nil, commit: String? = nil) {
        self.branch = branch
        self.tag = tag
        self.commit = commit
    }
}

/// How the last sync went and what it applied.
public struct GitRepositoryStatus: Codable, Hashable, Sendable {
    /// The generation of the spec this status describes.
    public var observedGeneration: Int64?
    /// The commit id last fetched.
    public var lastFetchedRevision: String?
    /// The commit id whose manifests were last applied whole.
    public var lastAppliedRevision: String?
    /// When the last sync finished.
    public var lastSyncTime: Timestamp?
    /// Synced when the store matches the applied revision, OutOfSync otherwise.
    public var sync: String?
    /// Healthy, Progressing, Degraded or Missing, from the applied objects' own conditions.
    public var health: String?
    /// The objects the repository applied; only these are ever pruned.
    public var inventory: [InventoryEntry]?
    /// Objects whose stored state differs from Git, with the differing fields.
    public var drift: [DriftEntry]?
    /// Ready when the last revision applied; Fetched, Stalled and the like as they happen.
    public var conditions: [Condition]?
    /// Why the last fetch or apply failed (`jobs.yaml:14: spec.replicas: Invalid value: …`).
    public var lastError: String?

    public init(
        observedGeneration: Int64? = nil, lastFetchedRevision: String? = nil,
        lastAppliedRevision: String? = nil, sync: String? = nil, health: String? = nil,
        inventory: [InventoryEntry]? = nil, conditions: [Condition]? = nil, lastError: String? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.lastFetchedRevision = lastFetchedRevision
        self.lastAppliedRevision = lastAppliedRevision
        self.sync = sync
        self.health = health
        self.inventory = inventory
        self.conditions = conditions
        self.lastError = lastError
    }
}

/// An object a repository applied.
public struct InventoryEntry: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    /// Empty for cluster-scoped objects.
    public var namespace: String?
    public var name: String?

    public init(apiVersion: String? = nil, kind: String? = nil, namespace: String? = nil, name: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }
}

/// An applied object that no longer matches Git.
public struct DriftEntry: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var namespace: String?
    public var name: String?
    /// The paths of the fields that differ (`spec.weight`).
    public var fields: [String]?

    public init(
        apiVersion: String? = nil, kind: String? = nil, namespace: String? = nil, name: String? = nil,
        fields: [String]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.fields = fields
    }
}

/// Whether the store matches Git.
public enum GitSyncStatus {
    public static let synced = "Synced"
    public static let outOfSync = "OutOfSync"
    public static let all = [synced, outOfSync]
}

/// The aggregated health of a repository's applied objects.
public enum GitHealthStatus {
    /// Every object is as it should be.
    public static let healthy = "Healthy"
    /// Some object is still on its way (a job starting, a service scaling).
    public static let progressing = "Progressing"
    /// Some object failed.
    public static let degraded = "Degraded"
    /// Some object the repository applied is gone from the store.
    public static let missing = "Missing"
    public static let all = [healthy, progressing, degraded, missing]
}
