import FermiAPI

/// The roles and bindings a new cluster has, as kube-apiserver's bootstrap policy makes them:
/// `cluster-admin` for `system:masters`, discovery and health paths for users, `/metrics` for
/// `system:monitoring`, and the user-facing `admin`, `edit` and `view` roles to bind per
/// namespace. Missing ones are created; ones people changed are left alone.
public enum RBACBootstrap {
    static let labels = ["kubernetes.io/bootstrapping": "rbac-defaults"]
    static let readVerbs = ["get", "list", "watch"]
    static let writeVerbs = ["create", "update", "patch", "delete", "deletecollection"]

    /// Creates whichever of the default roles and bindings are missing.
    public static func ensure(on server: APIServer) async throws {
        for role in clusterRoles(server.registry) {
            try await createIfMissing(role, on: server)
        }
        for binding in clusterRoleBindings {
            try await createIfMissing(binding, on: server)
        }
    }

    private static func createIfMissing<T: APIObject>(_ object: T, on server: APIServer) async throws {
        do {
            _ = try await server.create(object)
        } catch APIError.alreadyExists {
            return
        }
    }

    static func clusterRoles(_ registry: KindRegistry) -> [ClusterRole] {
        let discovery = ["/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/version", "/version/"]
        let health = ["/healthz", "/livez", "/readyz", "/version", "/version/"]
        return [
            role("cluster-admin", [
                PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]), PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]),
            ]),
            role("system:discovery", [PolicyRule(verbs: ["get"], nonResourceURLs: discovery + health)]),
            role("system:public-info-viewer", [PolicyRule(verbs: ["get"], nonResourceURLs: health)]),
            role("system:monitoring", [PolicyRule(verbs: ["get"], nonResourceURLs: ["/metrics", "/healthz", "/livez", "/readyz"])]),
            role("view", namespacedRules(registry, verbs: readVerbs, excluding: ["secrets", "roles", "rolebindings"])),
            role("edit", namespacedRules(registry, verbs: readVerbs + writeVerbs, excluding: ["roles", "rolebindings"])),
            role("admin", namespacedRules(registry, verbs: readVerbs + writeVerbs, excluding: [])),
        ]
    }

    static let clusterRoleBindings: [ClusterRoleBinding] = [
        binding("cluster-admin", groups: [UserInfo.Groups.masters]),
        binding("system:discovery", groups: [UserInfo.Groups.authenticated]),
        binding("system:public-info-viewer", groups: [UserInfo.Groups.authenticated, UserInfo.Groups.unauthenticated]),
        binding("system:monitoring", groups: ["system:monitoring"]),
    ]

    /// One rule per API group over its namespaced resources and their status, for `verbs`.
    private static func namespacedRules(_ registry: KindRegistry, verbs: [String], excluding: Set<String>) -> [PolicyRule] {
        var resourcesByGroup: [String: [String]] = [:]
        var groups: [String] = []
        for type in registry.kinds where type.resource.namespaced && !excluding.contains(type.resource.plural) {
            let group = type.resource.group
            if resourcesByGroup[group] == nil { groups.append(group) }
            resourcesByGroup[group, default: []] += [type.resource.plural] + (type.resource.hasStatus ? ["\(type.resource.plural)/status"] : [])
        }
        return groups.map { PolicyRule(verbs: verbs, apiGroups: [$0], resources: resourcesByGroup[$0] ?? []) }
    }

    private static func role(_ name: String, _ rules: [PolicyRule]) -> ClusterRole {
        ClusterRole(metadata: ObjectMeta(name: name, labels: labels), rules: rules)
    }

    private static func binding(_ name: String, groups: [String]) -> ClusterRoleBinding {
        ClusterRoleBinding(
            metadata: ObjectMeta(name: name, labels: labels),
            subjects: groups.map { RBACSubject(kind: "Group", apiGroup: RBACGroup.name, name: $0) },
            roleRef: RoleRef(kind: "ClusterRole", name: name))
    }
}
