/// One thing wrong with one field, worded as Kubernetes words it:
/// `spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
public struct FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, with the value concerned where there is one.
    public enum Kind: Hashable, Sendable {
        case required
        case invalid(value: String)
        case notSupported(value: String, supported: [String])
        case forbidden
        case duplicate(value: String)
        case tooLong(maximum: Int)
        case tooMany(count: Int, maximum: Int)
    }

    public var field: FieldPath
    public var kind: Kind
    /// Why, in a few words; may be empty.
    public var detail: String

    public init(_ kind: Kind, _ field: FieldPath, _ detail: String = "") {
        self.kind = kind
        self.field = field
        self.detail = detail
    }

    public var description: String {
        let path = field.description
        switch kind {
        case .required:
            return "\(path): Required value" + (detail.isEmpty ? "" : ": \(detail)")
        case .invalid(let value):
            return "\(path): Invalid value: \(value)" + (detail.isEmpty ? "" : ": \(detail)")
        case .notSupported(let value, let supported):
            let allowed = supported.map { "\"\($0)\"" }.joined(separator: ", ")
            return "\(path): Unsupported value: \(value): supported values: \(allowed)"
        case .forbidden:
            return "\(path): Forbidden" + (detail.isEmpty ? "" : ": \(detail)")
        case .duplicate(let value):
            return "\(path): Duplicate value: \(value)"
        case .tooLong(let maximum):
            return "\(path): Too long: may not be more than \(maximum) bytes"
        case .tooMany(let count, let maximum):
            return "\(path): Too many: \(count): must have at most \(maximum) items"
        }
    }
}

extension FieldError {
    /// A value as Kubernetes quotes it in messages: strings in double quotes, numbers bare.
    public static func quoted(_ value: String) -> String { "\"\(value)\"" }

    public static func required(_ field: FieldPath, _ detail: String = "") -> FieldError {
        FieldError(.required, field, detail)
    }

    public static func invalid(_ field: FieldPath, _ value: String, _ detail: String) -> FieldError {
        FieldError(.invalid(value: quoted(value)), field, detail)
    }

    public static func invalid(_ field: FieldPath, _ value: some BinaryInteger, _ detail: String)
        -> FieldError
    {
        FieldError(.invalid(value: String(value)), field, detail)
    }

    public static func notSupported(_ field: FieldPath, _ value: String, _ supported: [String])
        -> FieldError
    {
        FieldError(.notSupported(value: quoted(value), supported: supported), field)
    }

    public static func forbidden(_ field: FieldPath, _ detail: String) -> FieldError {
        FieldError(.forbidden, field, detail)
    }

    public static func duplicate(_ field: FieldPath, _ value: String) -> FieldError {
        FieldError(.duplicate(value: quoted(value)), field)
    }
}
