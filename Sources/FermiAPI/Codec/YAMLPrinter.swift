import Yams

/// JSON values written as YAML the way `kubectl get -o yaml` writes them: keys sorted, two
/// spaces of indentation, list items at their key's indentation, strings quoted only where they
/// would otherwise read as something else.
public enum YAMLPrinter {
    public static func render(_ value: JSONValue) -> String {
        (try? Yams.serialize(node: node(value), indent: 2, width: -1, sortKeys: true)) ?? ""
    }

    private static func node(_ value: JSONValue) -> Yams.Node {
        switch value {
        case .null: Yams.Node("null", Tag(.null))
        case .bool(let flag): Yams.Node(flag ? "true" : "false", Tag(.bool))
        case .integer(let number): Yams.Node(String(number), Tag(.int))
        case .number(let number): Yams.Node(String(number), Tag(.float))
        case .string(let text): Yams.Node(text, Tag(.str), quotingStyle(for: text))
        case .array(let items): Yams.Node(items.map(node), Tag(.seq), .block)
        case .object(let members):
            Yams.Node(members.map { (Yams.Node($0.key), node($0.value)) }, Tag(.map), .block)
        }
    }

    /// Plain when the text reads back as the same string everywhere; quoted when a YAML reader
    /// would take it for a number, a boolean, null or a timestamp, or when plain YAML cannot
    /// hold its characters.
    private static func quotingStyle(for text: String) -> Yams.Node.Scalar.Style {
        if text.contains("\n") { return .literal }
        let implicit = Resolver.default.resolveTag(of: Yams.Node(text))
        guard implicit == .str else { return .doubleQuoted }
        let reread = (try? ManifestParser.parse("v: \(text)", source: ""))?.first?.value["v"]
        return reread == .string(text) ? .plain : .doubleQuoted
    }
}
