import Foundation

/// Checks that several of Fermi's own kinds share: counts, quantities, durations, labels and
/// enumerations, each worded as Kubernetes words its own.
enum FermiFieldRules {
    /// A required string is present and not empty.
    static func required(_ value: String?, at path: FieldPath, _ detail: String = "") -> [FieldError] {
        (value ?? "").isEmpty ? [.required(path, detail)] : []
    }

    /// A count, when given, is at least `minimum`.
    static func atLeast(_ value: Int32?, _ minimum: Int32, at path: FieldPath) -> [FieldError] {
        guard let value, value < minimum else { return [] }
        return [.invalid(path, value, "must be greater than or equal to \(minimum)")]
    }

    /// A quantity, when given, is above zero.
    static func positive(_ quantity: Quantity?, at path: FieldPath) -> [FieldError] {
        guard let quantity, quantity.value <= 0 else { return [] }
        return [.invalid(path, quantity.text, "must be greater than 0")]
    }

    /// A quantity, when given, is zero or more.
    static func nonNegative(_ quantity: Quantity?, at path: FieldPath) -> [FieldError] {
        guard let quantity, quantity.isNegative else { return [] }
        return [.invalid(path, quantity.text, "must be greater than or equal to 0")]
    }

    /// A value, when given, is one of `allowed`.
    static func oneOf(_ value: String?, _ allowed: [String], at path: FieldPath) -> [FieldError] {
        guard let value, !allowed.contains(value) else { return [] }
        return [.notSupported(path, value, allowed)]
    }

    /// A duration, when given, is a Go duration longer than zero.
    static func positiveDuration(_ text: String?, at path: FieldPath) -> [FieldError] {
        guard let text else { return [] }
        guard let duration = GoDuration(text) else {
            return [.invalid(path, text, "must be a duration such as 30s, 5m or 1h30m")]
        }
        return duration.isPositive ? [] : [.invalid(path, text, "must be longer than 0s")]
    }

    /// A duration, when given, is a Go duration of zero or more.
    static func nonNegativeDuration(_ text: String?, at path: FieldPath) -> [FieldError] {
        guard let text else { return [] }
        guard let duration = GoDuration(text) else {
            return [.invalid(path, text, "must be a duration such as 250us, 1.2ms or 30s")]
        }
        return duration.duration < .zero ? [.invalid(path, text, "must not be negative")] : []
    }

    /// Label keys are qualified names and values are label values, as on `metadata.labels`.
    static func labels(_ labels: [String: String]?, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (key, value) in (labels ?? [:]).sorted(by: { $0.key < $1.key }) {
            errors += NameRules.qualifiedName(key).map { .invalid(path, key, $0) }
            errors += NameRules.labelValue(value).map { .invalid(path.key(key), value, $0) }
        }
        return errors
    }

    /// A reference to another object by name is a DNS-1123 subdomain.
    static func objectName(_ name: String?, at path: FieldPath) -> [FieldError] {
        guard let name, !name.isEmpty else { return [] }
        return NameRules.dns1123Subdomain(name).map { .invalid(path, name, $0) }
    }
}
