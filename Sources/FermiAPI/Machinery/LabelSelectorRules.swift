/// Upstream's rules for a label selector (`ValidateLabelSelector`): qualified keys, label
/// values, and operators with the values each needs.
public enum LabelSelectorRules {
    /// Everything wrong with `selector`, each error under `path`.
    public static func validate(_ selector: LabelSelector?, at path: FieldPath) -> [FieldError] {
        guard let selector else { return [] }
        var errors: [FieldError] = []
        let labelsPath = path.child("matchLabels")
        for (key, value) in (selector.matchLabels ?? [:]).sorted(by: { $0.key < $1.key }) {
            errors += NameRules.qualifiedName(key).map { .invalid(labelsPath, key, $0) }
            errors += NameRules.labelValue(value).map { .invalid(labelsPath, value, $0) }
        }
        for (index, requirement) in (selector.matchExpressions ?? []).enumerated() {
            let itemPath = path.child("matchExpressions").index(index)
            let values = requirement.values ?? []
            switch requirement.operator {
            case "In", "NotIn":
                if values.isEmpty {
                    errors.append(
                        .required(itemPath.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
                }
            case "Exists", "DoesNotExist":
                if !values.isEmpty {
                    errors.append(
                        .forbidden(
                            itemPath.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
                }
            default:
                errors.append(
                    .invalid(itemPath.child("operator"), requirement.operator, "not a valid selector operator"))
            }
            let key = requirement.key
            errors += NameRules.qualifiedName(key).map { .invalid(itemPath.child("key"), key, $0) }
        }
        return errors
    }
}
