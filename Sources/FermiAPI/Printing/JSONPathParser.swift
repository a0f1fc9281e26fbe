/// Reads a JSONPath template into segments: literal text outside braces, and inside them a
/// path, a quoted literal, `range PATH` or `end`.
struct JSONPathParser {
    private let template: String
    private let characters: [Character]
    private var position = 0

    init(_ template: String) {
        self.template = template
        characters = Array(template)
    }

    mutating func parseTemplate() throws(JSONPathError) -> [JSONPath.Segment] {
        var stack: [([JSONPath.Step], [JSONPath.Segment])] = []
        var current: [JSONPath.Segment] = []
        var text = ""
        while position < characters.count {
            let character = characters[position]
            guard character == "{" else {
                text.append(character)
                position += 1
                continue
            }
            if !text.isEmpty { current.append(.text(text)) }
            text = ""
            let action = try readAction().trimming(" ")
            if action == "end" {
                guard let (steps, outer) = stack.popLast() else { throw error("not in range, nothing to end") }
                current = outer + [.range(steps, current)]
            } else if action.hasPrefix("range ") {
                stack.append((try Self.parsePath(String(action.dropFirst(6)).trimming(" "), in: template), current))
                current = []
            } else if let quote = action.first, quote == "\"" || quote == "'", action.count >= 2, action.last == quote {
                current.append(.text(Self.unescape(String(action.dropFirst().dropLast()))))
            } else {
                current.append(.path(try Self.parsePath(action, in: template)))
            }
        }
        if !text.isEmpty { current.append(.text(text)) }
        guard stack.isEmpty else { throw error("unclosed range") }
        return current
    }

    /// The text between `{` and its `}`, quotes respected.
    private mutating func readAction() throws(JSONPathError) -> String {
        position += 1
        var action = ""
        var quote: Character?
        while position < characters.count {
            let character = characters[position]
            position += 1
            if let open = quote {
                if character == "\\", position < characters.count {
                    action.append(character)
                    action.append(characters[position])
                    position += 1
                    continue
                }
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "}" {
                return action
            }
            action.append(character)
        }
        throw error("unclosed action")
    }

    private func error(_ reason: String) -> JSONPathError {
        JSONPathError(template: template, reason: reason)
    }

    /// `$.a.b[0]`, `.items[*].name`, `..name`, `@.x`.
    static func parsePath(_ text: String, in template: String) throws(JSONPathError) -> [JSONPath.Step] {
        let characters = Array(text)
        var steps: [JSONPath.Step] = []
        var index = 0
        if index < characters.count, characters[index] == "$" || characters[index] == "@" { index += 1 }
        while index < characters.count {
            switch characters[index] {
            case ".":
                let recursive = index + 1 < characters.count && characters[index + 1] == "."
                index += recursive ? 2 : 1
                var name = ""
                while index < characters.count, characters[index] != ".", characters[index] != "[" {
                    if characters[index] == "\\", index + 1 < characters.count {
                        index += 1
                    }
                    name.append(characters[index])
                    index += 1
                }
                if name.isEmpty, !recursive, index >= characters.count { continue }
                steps.append(recursive ? .recursive(name) : name == "*" ? .wildcard : .field(name))
            case "[":
                guard let close = closingBracket(characters, from: index) else {
                    throw JSONPathError(template: template, reason: "unterminated array")
                }
                steps.append(try parseBracket(String(characters[(index + 1)..<close]), in: template))
                index = close + 1
            case " ":
                index += 1
            default:
                throw JSONPathError(
                    template: template, reason: "unrecognized character in action: U+\(String(characters[index].unicodeScalars.first!.value, radix: 16, uppercase: true)) '\(characters[index])'")
            }
        }
        return steps
    }

    private static func closingBracket(_ characters: [Character], from start: Int) -> Int? {
        var depth = 0
        var quote: Character?
        for index in start..<characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }

    private static func parseBracket(_ content: String, in template: String) throws(JSONPathError) -> JSONPath.Step {
        let content = content.trimming(" ")
        if content == "*" { return .wildcard }
        if let quote = content.first, quote == "'" || quote == "\"", content.count >= 2 {
            // `['serving\.knative\.dev/revision']`: dots escaped as in the dotted form.
            return .field(String(content.dropFirst().dropLast()).split(separator: "\\.", omittingEmptySubsequences: false).joined(separator: "."))
        }
        if content.hasPrefix("?(") && content.hasSuffix(")") {
            return .filter(try parseFilter(String(content.dropFirst(2).dropLast()), in: template))
        }
        let parts = content.split(separator: ":", omittingEmptySubsequences: false).map {
            String($0).trimming(" ")
        }
        func number(_ text: String) throws(JSONPathError) -> Int? {
            if text.isEmpty { return nil }
            guard let value = Int(text) else {
                throw JSONPathError(template: template, reason: "invalid array index \(text)")
            }
            return value
        }
        if parts.count == 1, let index = try number(parts[0]) { return .index(index) }
        guard parts.count <= 3 else { throw JSONPathError(template: template, reason: "invalid array index \(content)") }
        return .slice(
            start: try number(parts[0]), end: parts.count > 1 ? try number(parts[1]) : nil,
            step: parts.count > 2 ? try number(parts[2]) : nil)
    }

    private static func parseFilter(_ content: String, in template: String) throws(JSONPathError) -> JSONPath.Filter {
        let characters = Array(content)
        var quote: Character?
        for index in characters.indices {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
                continue
            }
            for operation in ["==", "!=", "<=", ">=", "<", ">"] where String(characters[index...]).hasPrefix(operation) {
                let left = String(characters[..<index]).trimming(" ")
                let right = String(characters[(index + operation.count)...]).trimming(" ")
                return JSONPath.Filter(path: try parsePath(left, in: template), comparison: (operation, literal(right)))
            }
        }
        return JSONPath.Filter(path: try parsePath(content.trimming(" "), in: template), comparison: nil)
    }

    private static func literal(_ text: String) -> JSONValue {
        if let quote = text.first, quote == "'" || quote == "\"", text.count >= 2, text.last == quote {
            return .string(String(text.dropFirst().dropLast()))
        }
        if let integer = Int64(text) { return .integer(integer) }
        if let number = Double(text) { return .number(number) }
        if text == "true" || text == "false" { return .bool(text == "true") }
        return .string(text)
    }

    /// `\n`, `\t` and `\\` in a quoted literal.
    static func unescape(_ text: String) -> String {
        var output = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "n": output.append("\n")
                case "t": output.append("\t")
                case "r": output.append("\r")
                default: output.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                output.append(character)
            }
        }
        return output
    }
}

extension String {
    /// The string without `character` at either end.
    func trimming(_ character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
