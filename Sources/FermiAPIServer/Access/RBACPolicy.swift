import FermiAPI

/// The RBAC objects at one moment, and the decision they make: a request is allowed when some
/// binding that applies to the user (a ClusterRoleBinding anywhere, a RoleBinding in the
/// request's namespace) grants a role with a rule that covers it. Users in `system:masters`
/// are always allowed, as kube-apiserver's privileged group is.
public struct RBACPolicy: Sendable {
    private var roles: [String: Role] = [:]
    private var clusterRoles: [String: ClusterRole] = [:]
    private var roleBindingsByNamespace: [String: [String: RoleBinding]] = [:]
    private var clusterRoleBindings: [String: ClusterRoleBinding] = [:]

    public init(
        roles: [Role] = [], clusterRoles: [ClusterRole] = [], roleBindings: [RoleBinding] = [],
        clusterRoleBindings: [ClusterRoleBinding] = []
    ) {
        for role in roles { set(role) }
        for role in clusterRoles { set(role) }
        for binding in roleBindings { set(binding) }
        for binding in clusterRoleBindings { set(binding) }
    }

    // MARK: - Keeping the snapshot current

    public mutating func set(_ role: Role) { roles["\(role.namespace)/\(role.name)"] = role }
    public mutating func set(_ role: ClusterRole) { clusterRoles[role.name] = role }
    public mutating func set(_ binding: RoleBinding) { roleBindingsByNamespace[binding.namespace, default: [:]][binding.name] = binding }
    public mutating func set(_ binding: ClusterRoleBinding) { clusterRoleBindings[binding.name] = binding }
    public mutating func remove(_ role: Role) { roles["\(role.namespace)/\(role.name)"] = nil }
    public mutating func remove(_ role: ClusterRole) { clusterRoles[role.name] = nil }
    public mutating func remove(_ binding: RoleBinding) { roleBindingsByNamespace[binding.namespace]?[binding.name] = nil }
    public mutating func remove(_ binding: ClusterRoleBinding) { clusterRoleBindings[binding.name] = nil }

    // MARK: - Deciding

    /// Whether `user` may do what `request` asks.
    public func allows(_ user: UserInfo, _ request: RequestAttributes) -> Bool {
        if user.groups.contains(UserInfo.Groups.masters) { return true }
        for binding in clusterRoleBindings.values where Self.applies(binding.subjects, to: user, bindingNamespace: "") {
            if rules(of: binding.roleRef, namespace: "").contains(where: { Self.covers($0, request) }) { return true }
        }
        guard let namespace = request.resource?.namespace, !namespace.isEmpty else { return false }
        for binding in (roleBindingsByNamespace[namespace] ?? [:]).values
        where Self.applies(binding.subjects, to: user, bindingNamespace: namespace) {
            if rules(of: binding.roleRef, namespace: namespace).contains(where: { Self.covers($0, request) }) { return true }
        }
        return false
    }

    /// The rules of the role a binding names: a Role in the binding's namespace, or a
    /// ClusterRole with the rules of the cluster roles it aggregates.
    private func rules(of roleRef: RoleRef, namespace: String) -> [PolicyRule] {
        switch roleRef.kind {
        case "Role": return roles["\(namespace)/\(roleRef.name)"]?.rules ?? []
        case "ClusterRole":
            guard let role = clusterRoles[roleRef.name] else { return [] }
            return (role.rules ?? []) + aggregatedRules(of: role)
        default: return []
        }
    }

    private func aggregatedRules(of role: ClusterRole) -> [PolicyRule] {
        let selectors = role.aggregationRule?.clusterRoleSelectors ?? []
        guard !selectors.isEmpty else { return [] }
        return clusterRoles.values.filter { other in
            other.name != role.name && selectors.contains { $0.matches(other.metadata.labels ?? [:]) }
        }.flatMap { $0.rules ?? [] }
    }

    /// Whether any subject is the user, one of the user's groups, or the service account the
    /// user is.
    static func applies(_ subjects: [RBACSubject]?, to user: UserInfo, bindingNamespace: String) -> Bool {
        (subjects ?? []).contains { subject in
            switch subject.kind {
            case "User": subject.name == user.name
            case "Group": user.groups.contains(subject.name)
            case "ServiceAccount":
                user.name == "system:serviceaccount:\(subject.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? bindingNamespace):\(subject.name)"
            default: false
            }
        }
    }

    /// Whether one rule grants the request, matching verbs, groups, resources (with
    /// `*/subresource`), names, and non-resource paths (with a trailing `*`), as upstream does.
    static func covers(_ rule: PolicyRule, _ request: RequestAttributes) -> Bool {
        guard rule.verbs.contains(where: { $0 == "*" || $0 == request.verb }) else { return false }
        guard let resource = request.resource else {
            return (rule.nonResourceURLs ?? []).contains { pattern in
                pattern == "*" || pattern == request.path
                    || (pattern.hasSuffix("*") && request.path.hasPrefix(String(pattern.dropLast())))
            }
        }
        guard (rule.apiGroups ?? []).contains(where: { $0 == "*" || $0 == resource.group }) else { return false }
        let resourceMatches = (rule.resources ?? []).contains { ruleResource in
            ruleResource == "*" || ruleResource == resource.combined
                || (!resource.subresource.isEmpty && ruleResource == "*/\(resource.subresource)")
        }
        guard resourceMatches else { return false }
        let names = rule.resourceNames ?? []
        return names.isEmpty || (!resource.name.isEmpty && names.contains(resource.name))
    }
}
