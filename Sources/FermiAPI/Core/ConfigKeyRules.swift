import Foundation

/// The rules ConfigMaps and Secrets share: what a key may be, and how much data one object
/// may hold.
public enum ConfigKeyRules {
    /// The most a ConfigMap's or Secret's data may hold in total, in bytes (1 MiB).
    public static let maximumDataSize = 1024 * 1024

    /// A key of `data`: ≤ 253 alphanumerics, '-', '_' or '.', and not `.`, `..` or `..x`, so
    /// that it can be a file name when mounted.
    public static func problems(_ key: String) -> [String] {
        var problems: [String] = []
        if key.utf8.count > 253 {
            problems.append("must be no more than 253 characters")
        }
        let allowed = !key.isEmpty
            && key.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            }
        if !allowed {
            problems.append(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
            )
        }
        if key == "." {
            problems.append("must not be '.'")
        } else if key == ".." {
            problems.append("must not be '..'")
        } else if key.hasPrefix("..") {
            problems.append("must not start with '..'")
        }
        return problems
    }

    /// The bytes a base64 value decodes to; nil when it is not base64, with an error for it.
    static func decodedSize(
        of value: String, at path: FieldPath, errors: inout [FieldError]
    ) -> Int {
        guard let bytes = Data(base64Encoded: value) else {
            errors.append(.invalid(path, "<secret contents redacted>", "illegal base64 data"))
            return 0
        }
        return bytes.count
    }
}
