extension LabelSelector {
    /// Whether `labels` satisfy every matchLabels pair and every expression (In, NotIn,
    /// Exists, DoesNotExist), as a LabelSelector means upstream; an empty selector matches all.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value { return false }
        return (matchExpressions ?? []).allSatisfy { requirement in
            let value = labels[requirement.key]
            switch requirement.operator {
            case "In": return value.map { (requirement.values ?? []).contains($0) } ?? false
            case "NotIn": return value.map { !(requirement.values ?? []).contains($0) } ?? true
            case "Exists": return value != nil
            case "DoesNotExist": return value == nil
            default: return false
            }
        }
    }
}
