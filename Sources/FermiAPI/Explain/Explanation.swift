/// `explain` output, as kubectl prints it, from the types' own documentation (`APIDocs`).
public enum Explanation {
    /// Documentation of a kind, or of the field at `path` inside it (`spec.runPolicy`).
    public static func render(_ kind: any APIObject.Type, path: [String]) throws(ExplainError) -> String {
        let resource = kind.resource
        var type = FieldType.named(String(describing: kind))
        var header = ""
        var description = APIDocs.types[type.baseName]?.doc ?? ""
        for (index, step) in path.enumerated() {
            guard let field = APIDocs.types[type.baseName]?.fields.first(where: { $0.name == step }) else {
                throw .noSuchField(path[...index].joined(separator: "."), kind: resource.kind)
            }
            type = FieldType(field.type)
            header = "FIELD: \(step) <\(type.kubectlName)>\n\n"
            let typeDoc = FieldType.scalarNames.contains(type.baseName) ? "" : APIDocs.types[type.baseName]?.doc
            description = [field.doc, typeDoc ?? ""]
                .filter { !$0.isEmpty }.joined(separator: "\n")
        }
        var text = resource.group.isEmpty ? "" : "GROUP:      \(resource.group)\n"
        text += "KIND:       \(resource.kind)\nVERSION:    \(resource.version)\n\n" + header
        text += "DESCRIPTION:\n" + indented(description.isEmpty ? "<empty>" : description, by: 4) + "\n"
        if type.hasFields, let fields = APIDocs.types[type.baseName]?.fields {
            text += "FIELDS:\n"
            for field in fields {
                text += "  \(field.name)\t<\(FieldType(field.type).kubectlName)>\n"
                if !field.doc.isEmpty { text += indented(field.doc, by: 4) }
                text += "\n"
            }
        }
        return text
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
