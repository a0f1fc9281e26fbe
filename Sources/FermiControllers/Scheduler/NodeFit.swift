import FermiAPI

/// Why a node cannot take a pod: the first rule it breaks, in the order a person checks them.
public enum NodeRejection: Hashable, Sendable, Comparable {
    case zoneDown(String)
    case notReady
    case cordoned
    case untoleratedTaint(String)
    case nodeSelectorMismatch
    case nodeAffinityMismatch
    case insufficient(String)

    /// The reason as a count of nodes reads after "N nodes fit;": `11 lack nvidia.com/gpu`,
    /// `2 are NotReady`, `16 in Down zone cn-shenzhen-1`.
    public func counted(_ count: Int) -> String {
        let one = count == 1
        switch self {
        case .zoneDown(let zone): return "\(count) in Down zone \(zone)"
        case .notReady: return "\(count) \(one ? "is" : "are") NotReady"
        case .cordoned: return "\(count) \(one ? "is" : "are") cordoned"
        case .untoleratedTaint(let taint): return "\(count) \(one ? "has" : "have") untolerated taint \(taint)"
        case .nodeSelectorMismatch: return "\(count) \(one ? "doesn't" : "don't") match the nodeSelector"
        case .nodeAffinityMismatch: return "\(count) \(one ? "doesn't" : "don't") match the node affinity"
        case .insufficient(let resource): return "\(count) \(one ? "lacks" : "lack") \(resource)"
        }
    }
}

/// Whether a pod may go on a node: the scheduler's filters, each a rule of Kubernetes'
/// default scheduler (NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit)
/// plus zone health.
public enum NodeFit {
    /// The first rule `node` breaks for `needs`, with `free` left on it; nil when it fits.
    public static func rejection(of needs: PodNeeds, on node: SchedulingNode, free: ResourceAmounts) -> NodeRejection? {
        if let rejection = placementRejection(of: needs, on: node) { return rejection }
        return needs.requests.shortfall(in: free).first.map(NodeRejection.insufficient)
    }

    /// The rules that do not depend on what is free: the same for every pod of one shape.
    public static func placementRejection(of needs: PodNeeds, on node: SchedulingNode) -> NodeRejection? {
        if node.zoneHealth == ZoneHealth.down { return .zoneDown(node.zone) }
        if !node.isReady { return .notReady }
        if node.node.spec?.unschedulable == true,
            !tolerates(needs.tolerations, Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule"))
        {
            return .cordoned
        }
        for taint in node.node.spec?.taints ?? [] where taint.effect == "NoSchedule" || taint.effect == "NoExecute" {
            if !tolerates(needs.tolerations, taint) { return .untoleratedTaint(taint.summary) }
        }
        let labels = node.node.metadata.labels ?? [:]
        if !needs.nodeSelector.allSatisfy({ labels[$0.key] == $0.value }) { return .nodeSelectorMismatch }
        if let affinity = needs.requiredAffinity, !matches(affinity, labels: labels, name: node.name) {
            return .nodeAffinityMismatch
        }
        return nil
    }

    /// Whether any toleration tolerates `taint`, as Kubernetes matches them: an empty key with
    /// Exists tolerates everything; an empty effect matches every effect.
    public static func tolerates(_ tolerations: [Toleration], _ taint: Taint) -> Bool {
        tolerations.contains { toleration in
            if let effect = toleration.effect, !effect.isEmpty, effect != taint.effect { return false }
            let key = toleration.key ?? ""
            if key.isEmpty { return toleration.operator == "Exists" }
            guard key == taint.key else { return false }
            switch toleration.operator ?? "Equal" {
            case "Exists": return true
            default: return (toleration.value ?? "") == (taint.value ?? "")
            }
        }
    }

    /// Whether a node's labels (and name, for matchFields) satisfy a required node selector:
    /// any one term, every requirement of it.
    public static func matches(_ selector: NodeSelector, labels: [String: String], name: String) -> Bool {
        let terms = selector.nodeSelectorTerms ?? []
        return terms.contains { term in
            let expressions = term.matchExpressions ?? []
            let fields = term.matchFields ?? []
            guard !expressions.isEmpty || !fields.isEmpty else { return false }
            return expressions.allSatisfy { requirement($0, holdsFor: labels[$0.key ?? ""]) }
                && fields.allSatisfy { requirement($0, holdsFor: $0.key == "metadata.name" ? name : nil) }
        }
    }

    private static func requirement(_ requirement: NodeSelectorRequirement, holdsFor value: String?) -> Bool {
        let values = requirement.values ?? []
        switch requirement.operator ?? "" {
        case "In": return value.map(values.contains) ?? false
        case "NotIn": return value.map { !values.contains($0) } ?? true
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        case "Gt": return compare(value, values.first, >)
        case "Lt": return compare(value, values.first, <)
        default: return false
        }
    }

    private static func compare(_ value: String?, _ bound: String?, _ order: (Int64, Int64) -> Bool) -> Bool {
        guard let value = value.flatMap({ Int64($0) }), let bound = bound.flatMap({ Int64($0) }) else { return false }
        return order(value, bound)
    }
}
