/// The kinds of rbac.authorization.k8s.io/v1: Role, ClusterRole, RoleBinding, ClusterRoleBinding.
public enum RBACGroup {
    /// The group's name, which role references and user and group subjects carry.
    public static let name = "rbac.authorization.k8s.io"
    public static let kinds: [any APIObject.Type] = [Role.self, ClusterRole.self, RoleBinding.self, ClusterRoleBinding.self]
}
