/// Upstream's validation and defaulting shared by the four RBAC kinds: policy rules, role
/// references and subjects.
enum RBACRules {
    static let subjectKinds = ["ServiceAccount", "User", "Group"]

    /// A rule grants verbs either on resources (with API groups and resources named) or on
    /// non-resource URLs (cluster roles only), never both.
    static func validate(_ rule: PolicyRule, namespaced: Bool, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if rule.verbs.isEmpty { errors.append(.required(path.child("verbs"), "verbs must contain at least one value")) }
        let urls = rule.nonResourceURLs ?? []
        if !urls.isEmpty {
            let value = "[" + urls.map(FieldError.quoted).joined(separator: ", ") + "]"
            if namespaced {
                errors.append(FieldError(.invalid(value: value), path.child("nonResourceURLs"), "namespaced rules cannot apply to non-resource URLs"))
            }
            if !(rule.apiGroups ?? []).isEmpty || !(rule.resources ?? []).isEmpty || !(rule.resourceNames ?? []).isEmpty {
                errors.append(
                    FieldError(.invalid(value: value), path.child("nonResourceURLs"), "rules cannot apply to both regular resources and non-resource URLs"))
            }
            return errors
        }
        if (rule.apiGroups ?? []).isEmpty {
            errors.append(.required(path.child("apiGroups"), "resource rules must supply at least one api group"))
        }
        if (rule.resources ?? []).isEmpty {
            errors.append(.required(path.child("resources"), "resource rules must supply at least one resource"))
        }
        return errors
    }

    /// A binding names a role of an allowed kind, in the RBAC group, by a path-segment name.
    static func validate(_ roleRef: RoleRef, kinds: [String]) -> [FieldError] {
        let path = FieldPath("roleRef")
        var errors: [FieldError] = []
        if roleRef.apiGroup != RBACGroup.name {
            errors.append(.notSupported(path.child("apiGroup"), roleRef.apiGroup ?? "", [RBACGroup.name]))
        }
        if !kinds.contains(roleRef.kind) { errors.append(.notSupported(path.child("kind"), roleRef.kind, kinds)) }
        if roleRef.name.isEmpty {
            errors.append(.required(path.child("name")))
        } else {
            errors += NameRules.pathSegment(roleRef.name).map { .invalid(path.child("name"), roleRef.name, $0) }
        }
        return errors
    }

    /// Each subject has a name and a known kind in its kind's API group; a service account
    /// outside a namespaced binding names its namespace.
    static func validate(_ subjects: [RBACSubject], namespaced: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, subject) in subjects.enumerated() {
            let path = FieldPath("subjects").index(index)
            if subject.name.isEmpty { errors.append(.required(path.child("name"))) }
            switch subject.kind {
            case "ServiceAccount":
                if let group = subject.apiGroup, !group.isEmpty {
                    errors.append(.notSupported(path.child("apiGroup"), group, [""]))
                }
                if !subject.name.isEmpty {
                    errors += NameRules.dns1123Subdomain(subject.name).map { .invalid(path.child("name"), subject.name, $0) }
                }
                if !namespaced, (subject.namespace ?? "").isEmpty { errors.append(.required(path.child("namespace"))) }
            case "User", "Group":
                if subject.apiGroup != RBACGroup.name {
                    errors.append(.notSupported(path.child("apiGroup"), subject.apiGroup ?? "", [RBACGroup.name]))
                }
            default:
                errors.append(.notSupported(path.child("kind"), subject.kind, subjectKinds))
            }
        }
        return errors
    }

    /// Upstream's defaults: the role reference in the RBAC group, users and groups in the
    /// RBAC group, service accounts in the core group.
    static func setDefaults(_ roleRef: inout RoleRef, _ subjects: inout [RBACSubject]?) {
        if (roleRef.apiGroup ?? "").isEmpty { roleRef.apiGroup = RBACGroup.name }
        guard var list = subjects else { return }
        for index in list.indices where list[index].apiGroup == nil || list[index].apiGroup == "" {
            switch list[index].kind {
            case "User", "Group": list[index].apiGroup = RBACGroup.name
            case "ServiceAccount": list[index].apiGroup = ""
            default: break
            }
        }
        subjects = list
    }
}
