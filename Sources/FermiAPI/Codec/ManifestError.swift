/// Why a manifest could not be read, naming the file, the line and the field.
public enum ManifestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text is not YAML; the detail carries the parser's line and column.
    case malformedYAML(source: String, detail: String)
    /// A document is not a mapping, or lacks apiVersion or kind.
    case notAnObject(location: String, detail: String)
    /// The kind is not one Fermi serves.
    case unservedKind(location: String, kind: String, apiVersion: String)
    /// A field has the wrong type (a string where a number belongs, and so on).
    case wrongType(location: String, field: String, detail: String)
    /// The object is well-formed but breaks the kind's rules.
    case invalid(location: String, error: FieldError)

    public var description: String {
        switch self {
        case .malformedYAML(let source, let detail):
            "\(source): error converting YAML to JSON: \(detail)"
        case .notAnObject(let location, let detail):
            "\(location): \(detail)"
        case .unservedKind(let location, let kind, let apiVersion):
            "\(location): no matches for kind \"\(kind)\" in version \"\(apiVersion)\""
        case .wrongType(let location, let field, let detail):
            "\(location): \(field): Invalid value: \(detail)"
        case .invalid(let location, let error):
            "\(location): \(error)"
        }
    }
}
