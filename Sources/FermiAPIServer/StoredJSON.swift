import Foundation

/// A stored object's JSON with its `metadata.resourceVersion` written into the bytes, so a GET
/// answers without parsing the object and writing it out again (that was a seventh of a GET's
/// CPU). Stored values are compact JSON with sorted keys, as `JSONValue.compactJSONBytes`
/// writes them; the version goes where that writer would put it, so the answer is the same
/// bytes either way. Anything else — whitespace, escaped keys, no metadata — is left to the
/// parser (nil).
enum StoredJSON {
    static func stamping(_ stored: Data, resourceVersion: String) -> [UInt8]? {
        stored.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
            guard let (start, end, hasMembers, existing) = scanner.resourceVersionPlace() else { return nil }
            let stamp = Array("\"resourceVersion\":\"\(resourceVersion)\"".utf8)
            var output: [UInt8] = []
            output.reserveCapacity(raw.count + stamp.count + 1)
            output.append(contentsOf: raw[..<start])
            if existing {
                output.append(contentsOf: stamp)
            } else if end < raw.count, raw[end] == UInt8(ascii: "}") {
                // After the last member, or alone in an empty object.
                if hasMembers { output.append(UInt8(ascii: ",")) }
                output.append(contentsOf: stamp)
            } else {
                output.append(contentsOf: stamp)
                output.append(UInt8(ascii: ","))
            }
            output.append(contentsOf: raw[end...])
            return output
        }
    }

    /// Walks compact JSON far enough to find where the resource version goes.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        private static let resourceVersion = Array("resourceVersion".utf8)

        /// Where the version goes in the top-level `metadata`: the range `start..<end` that
        /// an existing `"resourceVersion":"…"` member fills (`existing`), or, as an empty
        /// range, the place to insert it — before the first member that sorts after it, or
        /// before the closing brace (`hasMembers`: whether any member comes before it).
        mutating func resourceVersionPlace() -> (start: Int, end: Int, hasMembers: Bool, existing: Bool)? {
            guard take(UInt8(ascii: "{")) else { return nil }
            while index < bytes.count, bytes[index] != UInt8(ascii: "}") {
                guard let key = key(), take(UInt8(ascii: ":")) else { return nil }
                if key.elementsEqual("metadata".utf8) { return metadataPlace() }
                guard skipValue(), skipComma() else { return nil }
            }
            return nil
        }

        private mutating func metadataPlace() -> (start: Int, end: Int, hasMembers: Bool, existing: Bool)? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var hasMembers = false
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "}") { return (index, index, hasMembers, false) }
                let start = index
                guard let key = key() else { return nil }
                if key.elementsEqual(Self.resourceVersion) {
                    guard take(UInt8(ascii: ":")), skipValue() else { return nil }
                    return (start, index, hasMembers, true)
                }
                if key.lexicographicallyPrecedes(Self.resourceVersion) == false { return (start, start, hasMembers, false) }
                guard take(UInt8(ascii: ":")), skipValue(), skipComma() else { return nil }
                hasMembers = true
            }
            return nil
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A comma before the next member, or nothing before the closing brace or bracket.
        private mutating func skipComma() -> Bool {
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                return true
            }
            return bytes[index] == UInt8(ascii: "}") || bytes[index] == UInt8(ascii: "]")
        }

        /// A member's name, with no escapes in it (nil otherwise).
        private mutating func key() -> Slice<UnsafeBufferPointer<UInt8>>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                if bytes[index] == UInt8(ascii: "\\") { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }
            index += 1
            return bytes[start..<(index - 1)]
        }

        /// Skips one value of any type: strings by their quotes and escapes, objects and
        /// arrays by their brackets, anything else up to the next delimiter.
        private mutating func skipValue() -> Bool {
            var depth = 0
            repeat {
                guard index < bytes.count else { return false }
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index += 1
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                        index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                    }
                    guard index < bytes.count else { return false }
                    index += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    index += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard depth > 0 else { return false }
                    depth -= 1
                    index += 1
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                    return false
                case UInt8(ascii: ","), UInt8(ascii: ":"):
                    guard depth > 0 else { return false }
                    index += 1
                default:
                    // A number, true, false or null: up to the next delimiter.
                    while index < bytes.count, !Self.delimiters.contains(bytes[index]) { index += 1 }
                }
            } while depth > 0
            return true
        }

        private static let delimiters: Set<UInt8> = [
            UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "\n"),
        ]
    }
}
