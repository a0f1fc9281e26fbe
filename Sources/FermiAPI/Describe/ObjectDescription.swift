import Foundation

/// `describe` output for any object, laid out as kubectl describes custom resources: the
/// identity lines, then every field with Title Case labels and aligned values, then Events.
public enum ObjectDescription {
    /// The description of `object` (as JSON), then any further `sections` (already laid
    /// out), then its `events` (core Events as JSON), with ages measured from `now`.
    public static func render(_ object: JSONValue, sections: [String] = [], events: [JSONValue], now: Date) -> String {
        let metadata = object["metadata"]?.objectValue ?? [:]
        var text = "Name:         \(metadata["name"]?.stringValue ?? "")\n"
        text += "Namespace:    \(metadata["namespace"]?.stringValue ?? "")\n"
        text += pairs("Labels", metadata["labels"])
        text += pairs("Annotations", metadata["annotations"], skipping: ["kubectl.kubernetes.io/last-applied-configuration"])
        var body: [(Int, String, String)] = [
            (0, "API Version", object["apiVersion"]?.stringValue ?? ""),
            (0, "Kind", object["kind"]?.stringValue ?? ""),
        ]
        var rest = object.objectValue ?? [:]
        for handled in ["apiVersion", "kind"] { rest[handled] = nil }
        var remainingMetadata = metadata
        for shown in ["name", "namespace", "labels", "annotations"] { remainingMetadata[shown] = nil }
        rest["metadata"] = remainingMetadata.isEmpty ? nil : .object(remainingMetadata)
        for key in orderedKeys(rest) {
            flatten(label: titleCase(key), value: rest[key]!, indent: 0, into: &body)
        }
        text += aligned(body)
        for section in sections { text += section }
        text += EventTable.render(events, now: now)
        return text
    }

    /// The top-level order kubectl uses: metadata, spec, status, then the rest by name.
    private static func orderedKeys(_ members: [String: JSONValue]) -> [String] {
        let first = ["metadata", "spec", "status"].filter { members[$0] != nil }
        return first + members.keys.filter { !first.contains($0) }.sorted()
    }

    private static func flatten(
        label: String, value: JSONValue, indent: Int, into lines: inout [(Int, String, String)]
    ) {
        switch value {
        case .object(let members):
            lines.append((indent, label, ""))
            for key in members.keys.sorted() {
                flatten(label: titleCase(key), value: members[key]!, indent: indent + 1, into: &lines)
            }
        case .array(let items):
            lines.append((indent, label, ""))
            for item in items {
                // As kubectl prints a list of maps: each item's fields one level in, aligned.
                if case .object(let members) = item {
                    for key in members.keys.sorted() {
                        flatten(label: titleCase(key), value: members[key]!, indent: indent + 1, into: &lines)
                    }
                } else {
                    lines.append((indent + 1, "", scalar(item)))
                }
            }
        default:
            lines.append((indent, label, scalar(value)))
        }
    }

    /// `creationTimestamp` → `Creation Timestamp`; keys that are not identifiers (resource
    /// names, label keys) stay as written.
    static func titleCase(_ key: String) -> String {
        guard key.allSatisfy({ $0.isLetter || $0.isNumber }), let first = key.first else { return key }
        // Split as kubectl's camel-case splitter does: a run of capitals stays one word
        // (`sourceJobUID` → Source Job UID), its last capital starting the next word when a
        // lower-case letter follows (`UIDFoo` → UID Foo).
        let characters = Array(key)
        var words: [String] = []
        var current = String(first).uppercased()
        for index in characters.indices.dropFirst() {
            let character = characters[index]
            let previous = characters[index - 1]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let startsWord =
                character.isUppercase
                && (!previous.isUppercase || (next?.isLowercase ?? false))
            if startsWord {
                words.append(current)
                current = String(character)
            } else {
                current.append(character)
            }
        }
        words.append(current)
        // kubectl spells out the acronyms it knows.
        let acronyms: Set<String> = ["Api", "Url", "Uid", "Osb", "Guid"]
        return words.map { acronyms.contains($0) ? $0.uppercased() : $0 }.joined(separator: " ")
    }

    private static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .bool(let flag): String(flag)
        case .null: "<nil>"
        case .array, .object: ""
        }
    }

    /// `Labels:       app=web` with further pairs aligned beneath, or `<none>`.
    private static func pairs(_ label: String, _ value: JSONValue?, skipping: Set<String> = []) -> String {
        let members = (value?.objectValue ?? [:]).filter { !skipping.contains($0.key) }
        let entries = members.keys.sorted().map { "\($0)=\(members[$0]?.stringValue ?? "")" }
        let pad = String(repeating: " ", count: 14 - label.count - 1)
        guard let first = entries.first else { return "\(label):\(pad)<none>\n" }
        var text = "\(label):\(pad)\(first)\n"
        for entry in entries.dropFirst() { text += String(repeating: " ", count: 14) + entry + "\n" }
        return text
    }

    /// Lines of `label:` and value, aligned as kubectl's tabwriter aligns them: each run of
    /// consecutive lines that carry a value shares one column for the values, two spaces past
    /// the longest label (at the top level at least 14 wide, as `Annotations:  ` is).
    private static func aligned(_ lines: [(Int, String, String)]) -> String {
        var text = ""
        var index = 0
        while index < lines.count {
            var end = index
            while end < lines.count, !lines[end].2.isEmpty { end += 1 }
            let run = lines[index..<end]
            // Top-level runs line up with the header's `Annotations:  `.
            let minimum = run.contains { $0.0 == 0 } ? 14 : 0
            let width = max(minimum, (run.map { $0.0 * 2 + $0.1.count + 1 }.max() ?? 0) + 2)
            for (indent, label, value) in run {
                let prefix = String(repeating: "  ", count: indent) + (label.isEmpty ? "" : "\(label):")
                text += prefix + String(repeating: " ", count: max(1, width - prefix.count)) + value + "\n"
            }
            if end < lines.count {
                let (indent, label, _) = lines[end]
                text += String(repeating: "  ", count: indent) + "\(label):\n"
                end += 1
            }
            index = end
        }
        return text
    }
}
