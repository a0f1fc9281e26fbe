/// A field's type as the API documentation writes it (`[String: Quantity]?`), parsed: a named
/// type, or a list or string-keyed map of one. Optionality is dropped and aliases followed
/// (`ResourceList` is `[String: Quantity]`).
public indirect enum FieldType: Hashable, Sendable {
    case named(String)
    case list(FieldType)
    case map(FieldType)

    /// Types that travel as one JSON value (a string or number), whatever their Swift fields.
    public static let scalarNames: Set<String> = ["Quantity", "Timestamp", "MicroTimestamp", "IntOrString", "JSONValue"]

    /// Parses a Swift type as written in `APIDocs`.
    public init(_ written: String) {
        var text = written.hasSuffix("?") ? String(written.dropLast()) : written
        if let alias = APIDocs.aliases[text] { text = alias }
        guard text.hasPrefix("["), text.hasSuffix("]") else {
            self = .named(text)
            return
        }
        let inner = text.dropFirst().dropLast()
        // The key's colon is the first one outside nested brackets: `[[String: Int]]` is a list.
        var depth = 0
        for index in inner.indices {
            switch inner[index] {
            case "[": depth += 1
            case "]": depth -= 1
            case ":" where depth == 0:
                self = .map(FieldType(String(inner[inner.index(after: index)...].drop(while: { $0 == " " }))))
                return
            default: break
            }
        }
        self = .list(FieldType(String(inner)))
    }

    /// Whether the written type is optional (`String?`).
    public static func isOptional(_ written: String) -> Bool {
        written.hasSuffix("?")
    }

    /// The named type inside lists and maps: `[Container]` → `Container`.
    public var baseName: String {
        switch self {
        case .named(let name): name
        case .list(let element), .map(let element): element.baseName
        }
    }

    /// Whether the named type inside is a documented struct with fields of its own, rather
    /// than a string, number, boolean or one of `scalarNames`.
    public var hasFields: Bool {
        !Self.scalarNames.contains(baseName) && !(APIDocs.types[baseName]?.fields.isEmpty ?? true)
    }

    /// The type as kubectl names schema types: `map[string]Quantity`, `[]Container`, `integer`.
    public var kubectlName: String {
        switch self {
        case .list(let element): return "[]" + element.kubectlName
        case .map(let element): return "map[string]" + element.kubectlName
        case .named(let name):
            switch name {
            case "String", "Timestamp", "MicroTimestamp": return "string"
            case "Int", "Int32", "Int64", "UInt", "UInt32", "UInt64": return "integer"
            case "Bool": return "boolean"
            case "Double", "Float": return "number"
            case "JSONValue": return "Object"
            default: return name
            }
        }
    }
}
