/// One grant of a Role or ClusterRole: the verbs allowed on resources of API groups (optionally
/// only the objects named), or on non-resource URLs such as `/healthz`.
public struct PolicyRule: Codable, Hashable, Sendable {
    /// What may be done: get, list, watch, create, update, patch, delete, deletecollection, or `*`.
    public var verbs: [String]
    /// The API groups of the resources ("" is the core group); `*` is every group.
    public var apiGroups: [String]?
    /// Resources by plural name, `resource/subresource` for a subresource, `*` for all.
    public var resources: [String]?
    /// When set, only the objects of these names; empty allows every name.
    public var resourceNames: [String]?
    /// Paths outside the resource API (`/healthz`, `/metrics`, `/apis/*`); cluster roles only.
    public var nonResourceURLs: [String]?

    public init(
        verbs: [String], apiGroups: [String]? = nil, resources: [String]? = nil, resourceNames: [String]? = nil,
        nonResourceURLs: [String]? = nil
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }
}

/// Who a binding grants its role to: a user, a group, or a service account.
public struct RBACSubject: Codable, Hashable, Sendable {
    /// User, Group or ServiceAccount.
    public var kind: String
    /// `rbac.authorization.k8s.io` for users and groups, "" for service accounts.
    public var apiGroup: String?
    /// The user's, group's or service account's name.
    public var name: String
    /// The service account's namespace.
    public var namespace: String?

    public init(kind: String, apiGroup: String? = nil, name: String, namespace: String? = nil) {
        self.kind = kind
        self.apiGroup = apiGroup
        self.name = name
        self.namespace = namespace
    }
}

/// The role a binding grants: a Role in the binding's namespace or a ClusterRole.
public struct RoleRef: Codable, Hashable, Sendable {
    /// Always `rbac.authorization.k8s.io` (the default).
    public var apiGroup: String?
    /// Role or ClusterRole.
    public var kind: String
    /// The role's name.
    public var name: String

    public init(apiGroup: String? = RBACGroup.name, kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}

/// How a ClusterRole gathers the rules of other ClusterRoles, chosen by label.
public struct AggregationRule: Codable, Hashable, Sendable {
    /// ClusterRoles matching any of these selectors lend their rules to this one.
    public var clusterRoleSelectors: [LabelSelector]?

    public init(clusterRoleSelectors: [LabelSelector]? = nil) {
        self.clusterRoleSelectors = clusterRoleSelectors
    }
}
