extension PodSpecRules {
    /// Node affinity terms, pod (anti-)affinity terms with topology keys and label selectors,
    /// and weights of preferred terms in 1–100 (upstream's `validateAffinity`).
    static func validateAffinity(_ affinity: Affinity?, at path: FieldPath) -> [FieldError] {
        guard let affinity else { return [] }
        var errors: [FieldError] = []
        if let node = affinity.nodeAffinity {
            let nodePath = path.child("nodeAffinity")
            if let required = node.requiredDuringSchedulingIgnoredDuringExecution {
                let requiredPath = nodePath.child("requiredDuringSchedulingIgnoredDuringExecution")
                let terms = required.nodeSelectorTerms ?? []
                if terms.isEmpty {
                    errors.append(.required(requiredPath.child("nodeSelectorTerms"), "must have at least one node selector term"))
                }
                for (index, term) in terms.enumerated() {
                    errors += validateNodeSelectorTerm(term, at: requiredPath.child("nodeSelectorTerms").index(index))
                }
            }
            for (index, preferred) in (node.preferredDuringSchedulingIgnoredDuringExecution ?? []).enumerated() {
                let itemPath = nodePath.child("preferredDuringSchedulingIgnoredDuringExecution").index(index)
                errors += validateWeight(preferred.weight, at: itemPath.child("weight"))
                errors += validateNodeSelectorTerm(preferred.preference ?? NodeSelectorTerm(), at: itemPath.child("preference"))
            }
        }
        let podTerms: [(String, [PodAffinityTerm]?, [WeightedPodAffinityTerm]?)] = [
            ("podAffinity", affinity.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
             affinity.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
            ("podAntiAffinity", affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
             affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
        ]
        for (field, required, preferred) in podTerms {
            let fieldPath = path.child(field)
            for (index, term) in (required ?? []).enumerated() {
                errors += validatePodAffinityTerm(
                    term, at: fieldPath.child("requiredDuringSchedulingIgnoredDuringExecution").index(index))
            }
            for (index, weighted) in (preferred ?? []).enumerated() {
                let itemPath = fieldPath.child("preferredDuringSchedulingIgnoredDuringExecution").index(index)
                errors += validateWeight(weighted.weight, at: itemPath.child("weight"))
                errors += validatePodAffinityTerm(
                    weighted.podAffinityTerm ?? PodAffinityTerm(), at: itemPath.child("podAffinityTerm"))
            }
        }
        return errors
    }

    /// A node selector term's expressions: qualified keys, known operators, and the values
    /// each operator needs (`Gt` and `Lt` one integer).
    static func validateNodeSelectorTerm(_ term: NodeSelectorTerm, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, requirement) in (term.matchExpressions ?? []).enumerated() {
            errors += validateNodeSelectorRequirement(requirement, at: path.child("matchExpressions").index(index))
        }
        for (index, requirement) in (term.matchFields ?? []).enumerated() {
            let itemPath = path.child("matchFields").index(index)
            if requirement.key != "metadata.name" {
                errors.append(.invalid(itemPath.child("key"), requirement.key ?? "", "not a valid field selector key"))
            }
            errors += validateNodeSelectorRequirement(requirement, at: itemPath, checkKey: false)
        }
        return errors
    }

    private static func validateNodeSelectorRequirement(
        _ requirement: NodeSelectorRequirement, at path: FieldPath, checkKey: Bool = true
    ) -> [FieldError] {
        var errors: [FieldError] = []
        let values = requirement.values ?? []
        let operators = ["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"]
        switch requirement.operator ?? "" {
        case NodeSelectorOperator.in, NodeSelectorOperator.notIn:
            if values.isEmpty {
                errors.append(.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
            }
        case NodeSelectorOperator.exists, NodeSelectorOperator.doesNotExist:
            if !values.isEmpty {
                errors.append(
                    .forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
            }
        case NodeSelectorOperator.greaterThan, NodeSelectorOperator.lessThan:
            if values.count != 1 {
                errors.append(
                    .required(path.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"))
            } else if Int64(values[0]) == nil {
                errors.append(.invalid(path.child("values").index(0), values[0], "must be an integer"))
            }
        default:
            errors.append(.notSupported(path.child("operator"), requirement.operator ?? "", operators))
        }
        if checkKey {
            let key = requirement.key ?? ""
            errors += NameRules.qualifiedName(key).map { .invalid(path.child("key"), key, $0) }
        }
        return errors
    }

    private static func validatePodAffinityTerm(_ term: PodAffinityTerm, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let key = term.topologyKey ?? ""
        if key.isEmpty {
            errors.append(.required(path.child("topologyKey"), "can not be empty"))
        } else {
            errors += NameRules.qualifiedName(key).map { .invalid(path.child("topologyKey"), key, $0) }
        }
        errors += LabelSelectorRules.validate(term.labelSelector, at: path.child("labelSelector"))
        errors += LabelSelectorRules.validate(term.namespaceSelector, at: path.child("namespaceSelector"))
        for (index, namespace) in (term.namespaces ?? []).enumerated() {
            errors += NameRules.dns1123Label(namespace).map { .invalid(path.child("namespaces").index(index), namespace, $0) }
        }
        return errors
    }

    private static func validateWeight(_ weight: Int32?, at path: FieldPath) -> [FieldError] {
        let weight = weight ?? 0
        return (1...100).contains(weight) ? [] : [.invalid(path, weight, "must be in the range 1-100")]
    }

    /// Tolerations: qualified keys; `Exists` with no value; an empty key only with `Exists`;
    /// tolerationSeconds only with the NoExecute effect (upstream's `ValidateTolerations`).
    static func validateTolerations(_ tolerations: [Toleration], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, toleration) in tolerations.enumerated() {
            let itemPath = path.index(index)
            let key = toleration.key ?? ""
            if !key.isEmpty {
                errors += NameRules.qualifiedName(key).map { .invalid(itemPath.child("key"), key, $0) }
            }
            let operation = toleration.operator ?? ""
            if key.isEmpty, operation != TolerationOperator.exists {
                errors.append(
                    .invalid(itemPath.child("operator"), operation, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
            }
            if toleration.tolerationSeconds != nil, toleration.effect != TaintEffect.noExecute {
                errors.append(
                    .invalid(itemPath.child("effect"), toleration.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"))
            }
            let value = toleration.value ?? ""
            switch operation {
            case TolerationOperator.equal, "":
                errors += NameRules.labelValue(value).map { .invalid(itemPath.child("operator"), value, $0) }
            case TolerationOperator.exists:
                if !value.isEmpty {
                    errors.append(
                        .invalid(itemPath.child("operator"), toleration.operator ?? "", "value must be empty when `operator` is 'Exists'"))
                }
            default:
                errors.append(.notSupported(itemPath.child("operator"), operation, TolerationOperator.all))
            }
            if let effect = toleration.effect, !effect.isEmpty {
                errors += Taint.validateEffect(effect, at: itemPath.child("effect"))
            }
        }
        return errors
    }

    /// Topology spread constraints: maxSkew ≥ 1, a topology key, a known whenUnsatisfiable,
    /// minDomains only with DoNotSchedule, and each key/whenUnsatisfiable pair once.
    static func validateTopologySpreadConstraints(_ constraints: [TopologySpreadConstraint], at path: FieldPath)
        -> [FieldError]
    {
        var errors: [FieldError] = []
        var seen = Set<[String]>()
        let actions = ["DoNotSchedule", "ScheduleAnyway"]
        for (index, constraint) in constraints.enumerated() {
            let itemPath = path.index(index)
            let skew = constraint.maxSkew ?? 0
            if skew <= 0 {
                errors.append(.invalid(itemPath.child("maxSkew"), skew, "must be greater than zero"))
            }
            let key = constraint.topologyKey ?? ""
            if key.isEmpty {
                errors.append(.required(itemPath.child("topologyKey"), "can not be empty"))
            } else {
                errors += NameRules.qualifiedName(key).map { .invalid(itemPath.child("topologyKey"), key, $0) }
            }
            let action = constraint.whenUnsatisfiable ?? ""
            if !actions.contains(action) {
                errors.append(.notSupported(itemPath.child("whenUnsatisfiable"), action, actions))
            }
            if let minimum = constraint.minDomains {
                if minimum <= 0 {
                    errors.append(.invalid(itemPath.child("minDomains"), minimum, "must be greater than zero"))
                } else if action != "DoNotSchedule" {
                    errors.append(
                        .invalid(itemPath.child("minDomains"), minimum, "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not \(action)"))
                }
            }
            if !seen.insert([key, action]).inserted {
                errors.append(.duplicate(itemPath.child("{topologyKey, whenUnsatisfiable}"), "\(key), \(action)"))
            }
            errors += LabelSelectorRules.validate(constraint.labelSelector, at: itemPath.child("labelSelector"))
        }
        return errors
    }
}
