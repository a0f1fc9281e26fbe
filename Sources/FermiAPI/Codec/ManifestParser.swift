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
        var text = text
        let documents = text.withUTF8 { utf8 in
            Result { () throws(ManifestError) in
                var builder = DocumentBuilder(events: YAMLEvents(utf8: utf8), source: source)
                return try builder.documents()
            }
        }
        return try documents.get()
    }

    /// Builds each document's JSON and field lines from the parser's events.
    private struct DocumentBuilder {
        let events: YAMLEvents
        let source: String
        var lines = FieldLines()

        mutating func documents() throws(ManifestError) -> [ManifestDocument] {
            var documents: [ManifestDocument] = []
            guard try next() == .streamStart else { throw malformed("the text is not a YAML stream") }
            var index = 0
            while true {
                switch try next() {
                case .streamEnd:
                    return documents
                case .documentStart:
                    lines = FieldLines()
                    let root = try next()
                    let line = events.line
                    let value = try value(of: root, in: -1)
                    guard try next() == .documentEnd else { throw malformed("line \(events.line): expected the end of the document") }
                    if value != .null {
                        documents.append(
                            ManifestDocument(source: source, index: index, line: line, value: value, fieldLines: lines))
                    }
                    index += 1
                default:
                    throw malformed("line \(events.line): expected a document")
                }
            }
        }

        /// The value starting with the event just read, of kind `kind`, held by field-line
        /// entry `parent`.
        private mutating func value(of kind: YAMLEvents.Kind, in parent: Int) throws(ManifestError) -> JSONValue {
            switch kind {
            case .scalar:
                return scalarValue(events.scalarText, plain: events.scalarIsPlain && !events.scalarIsTaggedString)
            case .sequenceStart:
                var items: [JSONValue] = []
                while true {
                    let item = try next()
                    if item == .sequenceEnd { return .array(items) }
                    let entry = lines.addItem(items.count, of: parent, line: events.line)
                    items.append(try value(of: item, in: entry))
                }
            case .mappingStart:
                var members: [String: JSONValue] = [:]
                while true {
                    let keyKind = try next()
                    if keyKind == .mappingEnd { return .object(members) }
                    // JSON keys are strings: a list or map as a key has no JSON form.
                    guard keyKind == .scalar else { throw malformed("line \(events.line): a mapping key must be a scalar") }
                    let key = events.scalarText
                    let line = events.line
                    let entry = lines.addMember(key, of: parent, line: line)
                    let member = try value(of: try next(), in: entry)
                    if members.updateValue(member, forKey: key) != nil {
                        let first = lines.line(ofMember: key, of: parent) ?? line
                        throw malformed("line \(line): mapping key \"\(key)\" already defined at line \(first)")
                    }
                }
            case .alias:
                throw malformed("line \(events.line): YAML aliases are not supported")
            default:
                throw malformed("line \(events.line): expected a value")
            }
        }

        private func next() throws(ManifestError) -> YAMLEvents.Kind {
            do {
                return try events.next()
            } catch {
                throw malformed(error.detail)
            }
        }

        private func malformed(_ detail: String) -> ManifestError {
            .malformedYAML(source: source, detail: detail)
        }
    }

    /// A scalar typed as Kubernetes' YAML reader types it; only plain scalars are typed.
    private static func scalarValue(_ text: String, plain: Bool) -> JSONValue {
        guard plain else { return .string(text) }
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
        if text == "~" { return .null }
        // Any other byte makes a string (`16Gi`, `--epochs`), or at most a number that is not
        // finite (`-.inf`), which stays a string too.
        if text.utf8.contains(where: { !canBeInNumber($0) }) { return .string(text) }
        // The rare YAML 1.1 forms (hex, octal, base 60, `1_000`, `.5e3`) go through Yams'
        // constructors.
        let scalar = Yams.Node.Scalar(text)
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
    /// and prefixes, signs, exponents, `_` separators, `:` of base 60). A scalar with any
    /// other byte (`16Gi`, `500m`, `2.4-cu124`, `--epochs`) is a string.
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
}
