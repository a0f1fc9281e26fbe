/// `explain` output, as kubectl prints it, from the types' own documentation (`APIDocs`).
public enum Explanation {
    /// Documentation of a kind, or of the field at `path` inside it (`spec.runPolicy`).
    public static func render(_ kind: any APIObject.Type, path: [String]) throws(ExplainError) -> String {
        let resource = kind.resource
        var typeName = String(describing: kind)
        var header = ""
        var description = APIDocs.types[typeName]?.doc ?? ""
        for (index, step) in path.enumerated() {
            guard let field = APIDocs.types[baseType(typeName)]?.fields.first(where: { $0.name == step }) else {
                throw .noSuchField(path[...index].joined(separator: "."), kind: resource.kind)
            }
            typeName = field.type
            header = "FIELD: \(step) <\(display(field.type))>\n\n"
            let typeDoc = scalarTypes.contains(baseType(typeName)) ? "" : APIDocs.types[baseType(typeName)]?.doc
            description = [field.doc, typeDoc ?? ""]
                .filter { !$0.isEmpty }.joined(separator: "\n")
        }
        var text = resource.group.isEmpty ? "" : "GROUP:      \(resource.group)\n"
        text += "KIND:       \(resource.kind)\nVERSION:    \(resource.version)\n\n" + header
        text += "DESCRIPTION:\n" + indented(description.isEmpty ? "<empty>" : description, by: 4) + "\n"
        if !scalarTypes.contains(baseType(typeName)), let fields = APIDocs.types[baseType(typeName)]?.fields,
            !fields.isEmpty
        {
            text += "FIELDS:\n"
            for field in fields {
                text += "  \(field.name)\t<\(display(field.type))>\n"
                if !field.doc.isEmpty { text += indented(field.doc, by: 4) }
                text += "\n"
            }
        }
        return text
    }

    /// Types that travel as one JSON value (a string or number), whatever their Swift fields.
    static let scalarTypes: Set<String> = ["Quantity", "Timestamp", "MicroTimestamp", "IntOrString", "JSONValue"]

    /// The named type inside optionals, lists and maps: `[Container]?` → `Container`.
    static func baseType(_ type: String) -> String {
        var name = type.trimmingSuffix("?")
        if let alias = APIDocs.aliases[name] { name = alias }
        if name.hasPrefix("["), name.hasSuffix("]") {
            let inner = String(name.dropFirst().dropLast())
            if let colon = inner.firstIndex(of: ":") {
                return baseType(String(inner[inner.index(after: colon)...]).trimmingLeadingSpaces())
            }
            return baseType(inner)
        }
        return name
    }

    /// A Swift type as kubectl names schema types: `[String: Quantity]?` → `map[string]Quantity`.
    static func display(_ type: String) -> String {
        let name = type.trimmingSuffix("?")
        if let alias = APIDocs.aliases[name] { return display(alias) }
        if name.hasPrefix("["), name.hasSuffix("]") {
            let inner = String(name.dropFirst().dropLast())
            if let colon = inner.firstIndex(of: ":") {
                return "map[string]" + display(String(inner[inner.index(after: colon)...]).trimmingLeadingSpaces())
            }
            return "[]" + display(inner)
        }
        switch name {
        case "String", "Timestamp", "MicroTimestamp": return "string"
        case "Int", "Int32", "Int64", "UInt", "UInt32", "UInt64": return "integer"
        case "Bool": return "boolean"
        case "Double", "Float": return "number"
        case "JSONValue": return "Object"
        case "IntOrString": return "IntOrString"
        default: return name
        }
    }

    private static func indented(_ text: String, by spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return wrapped(text, width: 76).map { pad + $0 + "\n" }.joined()
    }

    /// Words wrapped at `width` columns, as kubectl wraps descriptions.
    private static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty, line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += line.isEmpty ? String(word) : " \(word)"
            }
            lines.append(line)
        }
        return lines
    }
}

/// Why `explain` could not document a path.
public enum ExplainError: Error, Hashable, Sendable, CustomStringConvertible {
    case noSuchField(String, kind: String)

    public var description: String {
        switch self {
        case .noSuchField(let path, let kind): "field \"\(path)\" does not exist in \(kind)"
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }

    fileprivate func trimmingLeadingSpaces() -> String {
        String(drop(while: { $0 == " " }))
    }
}
