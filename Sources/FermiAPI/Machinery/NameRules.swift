/// Kubernetes' rules for names, label keys and label values, with upstream's messages. Each
/// returns the problems found (empty when valid).
public enum NameRules {
    static let dns1123LabelMaxLength = 63
    static let dns1123SubdomainMaxLength = 253

    /// An RFC 1123 label: lower-case alphanumerics and '-', alphanumeric at both ends, ≤ 63.
    public static func dns1123Label(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > dns1123LabelMaxLength {
            problems.append("must be no more than \(dns1123LabelMaxLength) characters")
        }
        if !isLabel(value, firstIsLetter: false) {
            problems.append(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
            )
        }
        return problems
    }

    /// An RFC 1035 label: as an RFC 1123 label, but starting with a letter.
    public static func dns1035Label(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > dns1123LabelMaxLength {
            problems.append("must be no more than \(dns1123LabelMaxLength) characters")
        }
        if !isLabel(value, firstIsLetter: true) {
            problems.append(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
            )
        }
        return problems
    }

    /// An RFC 1123 subdomain: dot-separated labels, ≤ 253 characters.
    public static func dns1123Subdomain(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > dns1123SubdomainMaxLength {
            problems.append("must be no more than \(dns1123SubdomainMaxLength) characters")
        }
        let labels = value.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        if value.isEmpty || !labels.allSatisfy({ isLabel($0, firstIsLetter: false) }) {
            problems.append(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
            )
        }
        return problems
    }

    /// What every stored name must satisfy so that it is one path segment of a store key.
    public static func pathSegment(_ value: String) -> [String] {
        if value == "." || value == ".." { return ["may not be '\(value)'"] }
        var problems: [String] = []
        for forbidden in ["/", "%"] as [Unicode.Scalar] where value.utf8.contains(UInt8(ascii: forbidden)) {
            problems.append("may not contain '\(forbidden)'")
        }
        return problems
    }

    /// A label value: empty, or ≤ 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends.
    public static func labelValue(_ value: String) -> [String] {
        var problems: [String] = []
        if value.utf8.count > dns1123LabelMaxLength {
            problems.append("must be no more than \(dns1123LabelMaxLength) characters")
        }
        if !value.isEmpty && !isQualifiedNamePart(value) {
            problems.append(
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
            )
        }
        return problems
    }

    /// A qualified name such as a label or annotation key: an optional DNS subdomain prefix
    /// and '/', then a name of ≤ 63 alphanumerics, '-', '_' or '.'.
    public static func qualifiedName(_ value: String) -> [String] {
        // Split at the slash in place: this runs for every label, annotation and resource name.
        let bytes = value.utf8
        var name = value[...]
        var problems: [String] = []
        if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
            guard !bytes[bytes.index(after: slash)...].contains(UInt8(ascii: "/")) else {
                return [
                    "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
                ]
            }
            let prefix = value[..<slash]
            if prefix.isEmpty {
                problems.append("prefix part must be non-empty")
            } else {
                problems += dns1123Subdomain(String(prefix)).map { "prefix part \($0)" }
            }
            name = value[bytes.index(after: slash)...]
        }
        if name.isEmpty {
            problems.append("name part must be non-empty")
        } else if name.utf8.count > dns1123LabelMaxLength {
            problems.append("name part must be no more than \(dns1123LabelMaxLength) characters")
        }
        if !name.isEmpty && !isQualifiedNamePart(name.utf8) {
            problems.append(
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
            )
        }
        return problems
    }

    private static func isLabel(_ value: String, firstIsLetter: Bool) -> Bool {
        isLabel(value.utf8[...], firstIsLetter: firstIsLetter)
    }

    // The rules read names byte by byte, in place: every object's name and labels are checked
    // on each write.
    private static func isLabel(_ bytes: Substring.UTF8View, firstIsLetter: Bool) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        let lowerAlphanumeric = { (byte: UInt8) in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        if firstIsLetter && !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) { return false }
        return lowerAlphanumeric(first) && lowerAlphanumeric(last)
            && bytes.allSatisfy { lowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isQualifiedNamePart(_ value: String) -> Bool {
        isQualifiedNamePart(value.utf8[...])
    }

    private static func isQualifiedNamePart(_ bytes: Substring.UTF8View) -> Bool {
        guard let first = bytes.first, let last = bytes.last else { return false }
        let alphanumeric = { (byte: UInt8) in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        return alphanumeric(first) && alphanumeric(last)
            && bytes.allSatisfy {
                alphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                    || $0 == UInt8(ascii: ".")
            }
    }
}
