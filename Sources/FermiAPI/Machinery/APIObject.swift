// FermiAPI owns the resource types of every kind Fermi serves, their metadata, validation and
// defaulting, the kind registry, the YAML/JSON codec and table printing. It is pure: no I/O,
// no clocks.

/// An object of one served kind: `apiVersion`, `kind`, `metadata`, and its own spec and status.
///
/// Each kind lives in its API group's folder as `Kind.swift` (types), `Kind+Validation.swift`
/// and `Kind+Defaults.swift`, the way Kubernetes keeps types.go, validation.go and defaults.go.
public protocol APIObject: Codable, Hashable, Sendable {
    /// How the kind is served: group, version, names, scope.
    static var resource: APIResource { get }

    var apiVersion: String { get set }
    var kind: String { get set }
    var metadata: ObjectMeta { get set }

    /// Everything wrong with the object, each with its field path; empty when it is valid.
    func validate() -> [FieldError]

    /// What is wrong with the object after a write of its status subresource, which keeps the
    /// stored spec: by default everything `validate()` finds.
    func validateStatusUpdate() -> [FieldError]

    /// Fills in what the user left out, as upstream's defaulting does.
    mutating func setDefaults()

    /// Changes made only when the object is created, as a mutating admission webhook
    /// registered for CREATE makes them (Kueue suspends a job that names a queue).
    mutating func setDefaultsOnCreate()

    /// The columns after NAME in `fermi get`'s table, as upstream prints the kind.
    static var printerColumns: [PrinterColumn] { get }
}

extension APIObject {
    public mutating func setDefaultsOnCreate() {}

    public func validateStatusUpdate() -> [FieldError] {
        validate()
    }
}

/// How a kind is served and named: what `fermi get`, `api-resources` and the store keys use.
public struct APIResource: Hashable, Sendable {
    /// The API group; empty for the core group (`v1`).
    public var group: String
    public var version: String
    public var kind: String
    /// The plural lower-case name, used in store keys and on the command line (`pytorchjobs`).
    public var plural: String
    /// The singular lower-case name (`pytorchjob`).
    public var singular: String
    /// Abbreviations accepted on the command line (`po` for pods).
    public var shortNames: [String]
    /// Whether objects live in a namespace, or in the cluster as a whole.
    public var namespaced: Bool
    /// Whether status is written only through the status subresource.
    public var hasStatus: Bool
    /// Whether a status write also takes the object's labels and annotations, as upstream's
    /// pods/status does (it keeps only spec, deletionTimestamp and ownerReferences as stored).
    public var statusWritesLabelsAndAnnotations: Bool
    /// The groups of kinds it belongs to, as discovery lists them: `all` for the kinds
    /// `kubectl get all` shows.
    public var categories: [String]

    public init(
        group: String, version: String, kind: String, plural: String, singular: String? = nil,
        shortNames: [String] = [], namespaced: Bool, hasStatus: Bool = true, statusWritesLabelsAndAnnotations: Bool = false,
        categories: [String] = []
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = singular ?? kind.lowercased()
        self.shortNames = shortNames
        self.namespaced = namespaced
        self.hasStatus = hasStatus
        self.statusWritesLabelsAndAnnotations = statusWritesLabelsAndAnnotations
        self.categories = categories
    }

    /// `group/version`, or just `version` for the core group.
    public var apiVersion: String {
        group.isEmpty ? version : "\(group)/\(version)"
    }

    /// `plural.group` as kubectl prints it (`pytorchjobs.kubeflow.org`), or just the plural.
    public var qualifiedName: String {
        group.isEmpty ? plural : "\(plural).\(group)"
    }
}

extension APIObject {
    /// The object's name, or the empty string before it has one.
    public var name: String { metadata.name ?? "" }

    /// The object's namespace, or the empty string for cluster-scoped objects.
    public var namespace: String { metadata.namespace ?? "" }

    /// The rules every object's metadata follows; kinds add their own name rule.
    public func validateMetadata(nameRule: (String) -> [String] = NameRules.dns1123Subdomain)
        -> [FieldError]
    {
        ObjectMetaRules.validate(metadata, namespaced: Self.resource.namespaced, nameRule: nameRule)
    }
}
