/// Validation of resource lists shared by every kind that carries them.
public enum ResourceRules {
    /// Each quantity in `list` is ≥ 0.
    public static func nonNegative(_ list: ResourceList, at path: FieldPath) -> [FieldError] {
        list.sorted { $0.key < $1.key }.compactMap { name, quantity in
            quantity.isNegative
                ? .invalid(path.key(name), quantity.text, "must be greater than or equal to 0")
                : nil
        }
    }

    /// For every resource named in both, `lower` is at most `upper`.
    public static func notAbove(
        _ lower: ResourceList, _ upper: ResourceList, at path: FieldPath, _ detail: String
    ) -> [FieldError] {
        lower.sorted { $0.key < $1.key }.compactMap { name, quantity in
            guard let limit = upper[name], quantity > limit else { return nil }
            return .invalid(path.key(name), quantity.text, "\(detail) (\(limit.text))")
        }
    }
}
