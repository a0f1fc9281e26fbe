/// A RoleBinding (`rbac.authorization.k8s.io/v1`): grants a Role, or a ClusterRole's rules,
/// to subjects within the binding's namespace.
public struct RoleBinding: APIObject {
    public static let resource = APIResource(
        group: RBACGroup.name, version: "v1", kind: "RoleBinding", plural: "rolebindings", namespaced: true,
        hasStatus: false)

    public var apiVersion = RoleBinding.resource.apiVersion
    public var kind = RoleBinding.resource.kind
    public var metadata: ObjectMeta
    /// Who is granted the role.
    public var subjects: [RBACSubject]?
    /// The role granted: a Role in this namespace or a ClusterRole. It cannot be changed.
    public var roleRef: RoleRef

    public init(metadata: ObjectMeta, subjects: [RBACSubject]? = nil, roleRef: RoleRef) {
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }

    /// Upstream's defaults: the role reference's and users' and groups' API group.
    public mutating func setDefaults() {
        RBACRules.setDefaults(&roleRef, &subjects)
    }

    /// Upstream's rules: a Role or ClusterRole reference, and well-formed subjects.
    public func validate() -> [FieldError] {
        validateMetadata(nameRule: NameRules.pathSegment)
            + RBACRules.validate(roleRef, kinds: ["Role", "ClusterRole"])
            + RBACRules.validate(subjects ?? [], namespaced: true)
    }
}

/// A ClusterRoleBinding (`rbac.authorization.k8s.io/v1`): grants a ClusterRole to subjects
/// in every namespace and for cluster-scoped resources.
public struct ClusterRoleBinding: APIObject {
    public static let resource = APIResource(
        group: RBACGroup.name, version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings",
        namespaced: false, hasStatus: false)

    public var apiVersion = ClusterRoleBinding.resource.apiVersion
    public var kind = ClusterRoleBinding.resource.kind
    public var metadata: ObjectMeta
    /// Who is granted the role.
    public var subjects: [RBACSubject]?
    /// The ClusterRole granted. It cannot be changed.
    public var roleRef: RoleRef

    public init(metadata: ObjectMeta, subjects: [RBACSubject]? = nil, roleRef: RoleRef) {
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }

    /// Upstream's defaults: the role reference's and users' and groups' API group.
    public mutating func setDefaults() {
        RBACRules.setDefaults(&roleRef, &subjects)
    }

    /// Upstream's rules: a ClusterRole reference, and well-formed subjects, each service
    /// account with its namespace.
    public func validate() -> [FieldError] {
        validateMetadata(nameRule: NameRules.pathSegment)
            + RBACRules.validate(roleRef, kinds: ["ClusterRole"])
            + RBACRules.validate(subjects ?? [], namespaced: false)
    }
}
