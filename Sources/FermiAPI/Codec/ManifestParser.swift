import Foundation
import Yams

/// Splits manifest text into documents and turns each into JSON, keeping every field's line.
///
/// Scalars are typed the way Kubernetes' YAML reader types them: plain `true`, `42`, `1.5` and
/// `null` become JSON booleans, numbers and null; everything else, quoted or not, is a string.
public enum ManifestParser {
    /// The documents of `text`; empty documents (e.g. a trailing `---`) are skipped.
    public static func parse(_ text: String, source: String) throws(ManifestError)
        -> [ManifestDocument]
    {
        var documents: [ManifestDocument] = []
        do {
            var index = 0
            // The sequence stops at a parse error and keeps it, rather than throwing it.
            // Scalars are typed below, as Kubernetes types them; Yams' own tag resolution (regular
            // expressions per scalar) would only be thrown away.
            var nodes = try Yams.compose_all(yaml: text, .basic)
            while let node = nodes.next() {
                var lines: [String: Int] = [:]
                let value = try json(from: node, at: "", source: source, lines: &lines)
                if value != .null {
                    documents.append(
                        ManifestDocument(
                            source: source, index: index, line: node.mark?.line ?? 1,
                            value: value, fieldLines: lines))
                }
                index += 1
            }
            if let error = nodes.error { throw error }
        } catch let error as ManifestError {
            throw error
        } catch let error as YamlError {
            throw ManifestError.malformedYAML(source: source, detail: describe(error))
        } catch {
            throw ManifestError.malformedYAML(source: source, detail: "\(error)")
        }
        return documents
    }

    private static func json(
        from node: Yams.Node, at path: String, source: String, lines: inout [String: Int]
    ) throws -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            return .array(
                try sequence.enumerated().map { position, item in
                    // The path as FieldPath describes it, built as text: every field's line is kept.
                    let itemPath = "\(path)[\(position)]"
                    if let line = item.mark?.line { lines[itemPath] = line }
                    return try json(from: item, at: itemPath, source: source, lines: &lines)
                })
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(mapping.count)
            for (keyNode, valueNode) in mapping {
                let key = keyNode.string ?? "\(keyNode.any)"
                let line = keyNode.mark?.line ?? 0
                guard members[key] == nil else {
                    throw ManifestError.malformedYAML(
                        source: source,
                        detail: "line \(line): mapping key \"\(key)\" already defined")
                }
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                lines[childPath] = line
                members[key] = try json(from: valueNode, at: childPath, source: source, lines: &lines)
            }
            return .object(members)
        case .alias:
            throw ManifestError.malformedYAML(
                source: source, detail: "line \(node.mark?.line ?? 0): YAML aliases are not supported")
        }
    }

    private static func scalarValue(_ scalar: Yams.Node.Scalar) -> JSONValue {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        guard let first = text.utf8.first else { return .null }
        // Most plain scalars are words. A word is never a number (the constructors' `nan` and
        // `Infinity` are not finite, so they stay strings): it is a null, a YAML 1.1 boolean
        // (true, yes or on, false, no or off, in any case), or a string.
        if isLetter(first) {
            if ["null", "Null", "NULL"].contains(text) { return .null }
            guard text.utf8.count <= 5 else { return .string(text) }
            switch text.lowercased() {
            case "true", "yes", "on": return .bool(true)
            case "false", "no", "off": return .bool(false)
            default: return .string(text)
            }
        }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "~"):
            break
        default:
            return .string(text)
        }
        if let integer = plainDecimal(text) { return .integer(integer) }
        if isDigit(first), text.utf8.contains(where: { !canBeInNumber($0) }) { return .string(text) }
        if text == "~" { return .null }
        if let integer = Int.construct(from: scalar) { return .integer(Int64(integer)) }
        if let number = Double.construct(from: scalar), number.isFinite { return .number(number) }
        return .string(text)
    }

    /// `text` as an integer when it is plain decimal digits (`42`, `-7`, `+3`, `0`), which
    /// YAML reads as the integer itself; nil for anything else (leading zeros are octal),
    /// which goes through the full constructors. Most numbers in manifests are these.
    private static func plainDecimal(_ text: String) -> Int64? {
        var digits = text.utf8[...]
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard let first = digits.first, digits.allSatisfy(isDigit),
            first != UInt8(ascii: "0") || digits.count == 1
        else { return nil }
        return Int64(text)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Whether `byte` can appear in a YAML 1.1 integer or float (hex, octal and binary digits
    /// and prefixes, signs, exponents, `_` separators, `:` of base 60). A scalar that starts
    /// with a digit and has any other byte (`16Gi`, `500m`, `2.4-cu124`) is a string.
    private static func canBeInNumber(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
            UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "_"), UInt8(ascii: ":"),
            UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    /// The parser's own words with the line and column, e.g. `line 3, column 5: could not find
    /// expected ':'`.
    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let contextText = context.map { "\($0.text) " } ?? ""
            return "line \(mark.line), column \(mark.column): \(contextText)\(problem)"
        default:
            return "\(error)"
        }
    }
}
