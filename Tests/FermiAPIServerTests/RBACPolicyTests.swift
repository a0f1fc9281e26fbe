import FermiAPI
import FermiAPIServer
import Testing

/// How RBAC rules match requests, as upstream matches them.
@Suite("RBAC policy")
struct RBACPolicyTests {
    let alice = UserInfo(name: "alice", groups: ["ml", UserInfo.Groups.authenticated])

    private func policy(_ rules: [PolicyRule], namespace: String = "team-a", aggregated: [ClusterRole] = []) -> RBACPolicy {
        RBACPolicy(
            roles: [Role(metadata: ObjectMeta(name: "r", namespace: namespace), rules: rules)],
            clusterRoles: aggregated,
            roleBindings: [
                RoleBinding(
                    metadata: ObjectMeta(name: "b", namespace: namespace),
                    subjects: [RBACSubject(kind: "Group", apiGroup: RBACGroup.name, name: "ml")], roleRef: RoleRef(kind: "Role", name: "r"))
            ])
    }

    private func request(_ verb: String, _ resource: String, group: String = "kubeflow.org", sub: String = "", namespace: String = "team-a", name: String = "")
        -> RequestAttributes
    {
        RequestAttributes(
            verb: verb, resource: .init(group: group, resource: resource, subresource: sub, namespace: namespace, name: name))
    }

    @Test func aRoleGrantsOnlyItsVerbsGroupsAndResourcesInItsNamespace() {
        let rules = policy([PolicyRule(verbs: ["get", "list"], apiGroups: ["kubeflow.org"], resources: ["pytorchjobs"])])
        #expect(rules.allows(alice, request("get", "pytorchjobs")))
        #expect(!rules.allows(alice, request("delete", "pytorchjobs")))
        #expect(!rules.allows(alice, request("get", "pytorchjobs", group: "batch")))
        #expect(!rules.allows(alice, request("get", "pytorchjobs", namespace: "team-b")))
        #expect(!rules.allows(alice, request("get", "pytorchjobs", sub: "status")))
        #expect(!rules.allows(UserInfo(name: "bob"), request("get", "pytorchjobs")))
    }

    @Test func wildcardsSubresourcesAndNamesMatchAsUpstream() {
        let rules = policy([
            PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*/status"]),
            PolicyRule(verbs: ["update"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["settings"]),
        ])
        #expect(rules.allows(alice, request("patch", "pytorchjobs", sub: "status")))
        #expect(!rules.allows(alice, request("patch", "pytorchjobs")))
        #expect(rules.allows(alice, request("update", "configmaps", group: "", name: "settings")))
        #expect(!rules.allows(alice, request("update", "configmaps", group: "", name: "other")))
        #expect(!rules.allows(alice, request("create", "configmaps", group: "")))
    }

    @Test func clusterBindingsGrantEverywhereAndNonResourcePathsMatchByPrefix() {
        let policy = RBACPolicy(
            clusterRoles: [ClusterRole(metadata: ObjectMeta(name: "c"), rules: [
                PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["nodes"]), PolicyRule(verbs: ["get"], nonResourceURLs: ["/apis/*"]),
            ])],
            clusterRoleBindings: [
                ClusterRoleBinding(
                    metadata: ObjectMeta(name: "cb"), subjects: [RBACSubject(kind: "User", apiGroup: RBACGroup.name, name: "alice")],
                    roleRef: RoleRef(kind: "ClusterRole", name: "c"))
            ])
        #expect(policy.allows(alice, request("list", "nodes", group: "", namespace: "")))
        #expect(policy.allows(alice, RequestAttributes(verb: "get", path: "/apis/kubeflow.org/v1")))
        #expect(!policy.allows(alice, RequestAttributes(verb: "get", path: "/metrics")))
        #expect(policy.allows(UserInfo(name: "root", groups: [UserInfo.Groups.masters]), RequestAttributes(verb: "get", path: "/metrics")))
    }

    @Test func anAggregatedClusterRoleHoldsTheRulesOfTheRolesItSelects() {
        let monitoring = ClusterRole(
            metadata: ObjectMeta(name: "monitoring-extra", labels: ["aggregate-to-monitoring": "true"]),
            rules: [PolicyRule(verbs: ["get"], apiGroups: ["serving.kserve.io"], resources: ["inferenceservices"])])
        let aggregate = ClusterRole(
            metadata: ObjectMeta(name: "monitoring"),
            aggregationRule: AggregationRule(clusterRoleSelectors: [LabelSelector(matchLabels: ["aggregate-to-monitoring": "true"])]))
        let policy = RBACPolicy(
            clusterRoles: [monitoring, aggregate],
            roleBindings: [
                RoleBinding(
                    metadata: ObjectMeta(name: "b", namespace: "team-a"),
                    subjects: [RBACSubject(kind: "User", apiGroup: RBACGroup.name, name: "alice")],
                    roleRef: RoleRef(kind: "ClusterRole", name: "monitoring"))
            ])
        #expect(policy.allows(alice, request("get", "inferenceservices", group: "serving.kserve.io")))
        #expect(!policy.allows(alice, request("get", "inferenceservices", group: "serving.kserve.io", namespace: "team-b")))
    }

    @Test func rolesAndBindingsAreValidatedAsUpstream() {
        let role = Role(metadata: ObjectMeta(name: "r", namespace: "a"), rules: [
            PolicyRule(verbs: [], apiGroups: [""], resources: ["pods"]), PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz"]),
        ])
        #expect(role.validate().map(\.description) == [
            "rules[0].verbs: Required value: verbs must contain at least one value",
            #"rules[1].nonResourceURLs: Invalid value: ["/healthz"]: namespaced rules cannot apply to non-resource URLs"#,
        ])
        var binding = ClusterRoleBinding(
            metadata: ObjectMeta(name: "b"), subjects: [RBACSubject(kind: "ServiceAccount", name: "builder"), RBACSubject(kind: "Robot", name: "x")],
            roleRef: RoleRef(apiGroup: nil, kind: "Role", name: "r"))
        binding.setDefaults()
        #expect(binding.roleRef.apiGroup == RBACGroup.name)
        #expect(binding.validate().map(\.description) == [
            #"roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole""#,
            "subjects[0].namespace: Required value",
            #"subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group""#,
        ])
    }
}
