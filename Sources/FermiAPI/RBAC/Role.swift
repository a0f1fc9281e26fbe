/// A Role (`rbac.authorization.k8s.io/v1`): rules granting access to resources in its own
/// namespace, given to users by RoleBindings.
public struct Role: APIObject {
    public static let resource = APIResource(
        group: RBACGroup.name, version: "v1", kind: "Role", plural: "roles", namespaced: true, hasStatus: false)

    public var apiVersion = Role.resource.apiVersion
    public var kind = Role.resource.kind
    public var metadata: ObjectMeta
    /// What the role allows.
    public var rules: [PolicyRule]?

    public init(metadata: ObjectMeta, rules: [PolicyRule]? = nil) {
        self.metadata = metadata
        self.rules = rules
    }

    /// Roles have no defaults upstream.
    public mutating func setDefaults() {}

    /// Upstream's rules: a name that is a path segment, and each rule well formed for a
    /// namespaced role (no non-resource URLs).
    public func validate() -> [FieldError] {
        validateMetadata(nameRule: NameRules.pathSegment)
            + (rules ?? []).enumerated().flatMap { RBACRules.validate($1, namespaced: true, at: FieldPath("rules").index($0)) }
    }
}

/// A ClusterRole (`rbac.authorization.k8s.io/v1`): rules granting access across the cluster
/// (through a ClusterRoleBinding) or in one namespace (through a RoleBinding).
public struct ClusterRole: APIObject {
    public static let resource = APIResource(
        group: RBACGroup.name, version: "v1", kind: "ClusterRole", plural: "clusterroles", namespaced: false,
        hasStatus: false)

    public var apiVersion = ClusterRole.resource.apiVersion
    public var kind = ClusterRole.resource.kind
    public var metadata: ObjectMeta
    /// What the role allows; for an aggregated role, gathered from the roles it selects.
    public var rules: [PolicyRule]?
    /// When set, the role also holds the rules of every ClusterRole these selectors match.
    public var aggregationRule: AggregationRule?

    public init(metadata: ObjectMeta, rules: [PolicyRule]? = nil, aggregationRule: AggregationRule? = nil) {
        self.metadata = metadata
        self.rules = rules
        self.aggregationRule = aggregationRule
    }

    /// ClusterRoles have no defaults upstream.
    public mutating func setDefaults() {}

    /// Upstream's rules: a name that is a path segment, each rule well formed, and valid
    /// aggregation selectors.
    public func validate() -> [FieldError] {
        var errors = validateMetadata(nameRule: NameRules.pathSegment)
        errors += (rules ?? []).enumerated().flatMap { RBACRules.validate($1, namespaced: false, at: FieldPath("rules").index($0)) }
        for (index, selector) in (aggregationRule?.clusterRoleSelectors ?? []).enumerated() {
            errors += LabelSelectorRules.validate(selector, at: FieldPath("aggregationRule", "clusterRoleSelectors").index(index))
        }
        return errors
    }
}
