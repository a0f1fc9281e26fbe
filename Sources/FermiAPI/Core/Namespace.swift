/// A Kubernetes namespace (`v1`): a scope for the names of namespaced objects, and the unit
/// that quotas, policies and `fermi get -n` work on.
public struct Namespace: StatusHavingObject {
    public static let resource = APIResource(
        group: "", version: "v1", kind: "Namespace", plural: "namespaces", shortNames: ["ns"],
        namespaced: false)

    public var apiVersion = Namespace.resource.apiVersion
    public var kind = Namespace.resource.kind
    public var metadata: ObjectMeta
    public var spec: NamespaceSpec?
    public var status: NamespaceStatus?

    public init(metadata: ObjectMeta, spec: NamespaceSpec? = nil, status: NamespaceStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What a namespace needs before it may be removed from the store.
public struct NamespaceSpec: Codable, Hashable, Sendable {
    /// Finalizers that must be cleared before the namespace goes (`kubernetes`).
    public var finalizers: [String]?

    public init(finalizers: [String]? = nil) {
        self.finalizers = finalizers
    }
}

/// Whether a namespace is in use or being torn down.
public struct NamespaceStatus: Codable, Hashable, Sendable {
    /// Active, or Terminating once it is being deleted.
    public var phase: String?
    /// What is holding up the namespace's deletion, if anything.
    public var conditions: [NamespaceCondition]?

    public init(phase: String? = nil, conditions: [NamespaceCondition]? = nil) {
        self.phase = phase
        self.conditions = conditions
    }
}

/// One aspect of a namespace's state, such as `NamespaceDeletionContentFailure`.
public struct NamespaceCondition: Codable, Hashable, Sendable {
    public var type: String?
    /// "True", "False" or "Unknown".
    public var status: String?
    public var lastTransitionTime: Timestamp?
    /// Why the condition last changed, in one CamelCase word.
    public var reason: String?
    /// Why the condition last changed, for people.
    public var message: String?

    public init(
        type: String? = nil, status: String? = nil, reason: String? = nil, message: String? = nil,
        lastTransitionTime: Timestamp? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
    }
}

/// The phases of a namespace.
public enum NamespacePhase {
    public static let active = "Active"
    public static let terminating = "Terminating"
    public static let all = [active, terminating]
}
