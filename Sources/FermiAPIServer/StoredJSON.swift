import Foundation

/// Edits of one member of a stored object's JSON, made in its bytes: a GET's resource version,
/// a binding's node name, a status write's status. Parsing the object and writing it out
/// again was a seventh of a GET's CPU, a third of a binding's and a third of a status write's. Stored values are compact JSON with sorted keys, as
/// `JSONValue.compactJSONBytes` writes them; a member goes where that writer would put it,
/// so the result is the same bytes either way. Anything else — whitespace, escaped keys, no
/// such section — is left to the parser (nil).
enum StoredJSON {
    /// `stored` with `metadata.resourceVersion` set.
    static func stamping(_ stored: Data, resourceVersion: String) -> [UInt8]? {
        setting("resourceVersion", in: "metadata", to: Array("\"\(resourceVersion)\"".utf8), of: stored)
    }

    /// `stored` with member `key` of its top-level object `section` set to `value` (JSON
    /// bytes): replaced where it is, or put where the sorted-key writer would put it.
    static func setting(_ key: String, in section: String, to value: [UInt8], of stored: Data) -> [UInt8]? {
        stored.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return place(of: key, in: section, of: bytes).map { setting(key, to: value, at: $0, of: bytes) }
        }
    }

    /// `bytes` with member `key` of the top-level object (or of its object `section`) set to
    /// `value` (JSON bytes), or left out when `value` is nil, as the sorted-key writer would
    /// write the edited object.
    static func replacing(_ key: String, in section: String? = nil, with value: [UInt8]?, of bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { buffer -> [UInt8]? in
            var scanner = Scanner(bytes: buffer)
            let found = section.map { scanner.place(of: Array(key.utf8), in: Array($0.utf8)) } ?? scanner.place(of: Array(key.utf8))
            guard let place = found else { return nil }
            if let value { return setting(key, to: value, at: place, of: buffer) }
            guard place.value != nil else { return bytes }
            // The member goes with the comma that joins it to a neighbour.
            var removed = place.start..<place.end
            if place.end < buffer.count, buffer[place.end] == UInt8(ascii: ",") {
                removed = place.start..<(place.end + 1)
            } else if place.follows {
                guard place.start > 0, buffer[place.start - 1] == UInt8(ascii: ",") else { return nil }
                removed = (place.start - 1)..<place.end
            }
            return Array(buffer[..<removed.lowerBound]) + buffer[removed.upperBound...]
        }
    }

    /// `bytes` with member `key` set to `value` at `place`, which `place(of:in:of:)` found.
    static func setting(
        _ key: String, to value: [UInt8], at place: (start: Int, end: Int, value: Range<Int>?, follows: Bool),
        of bytes: UnsafeBufferPointer<UInt8>
    ) -> [UInt8] {
        let member = Array("\"\(key)\":".utf8) + value
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + member.count + 1)
        output.append(contentsOf: bytes[..<place.start])
        if place.value != nil {
            output.append(contentsOf: member)
        } else if place.end < bytes.count, bytes[place.end] == UInt8(ascii: "}") {
            // After the last member, or alone in an empty object.
            if place.follows { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: member)
        } else {
            output.append(contentsOf: member)
            output.append(UInt8(ascii: ","))
        }
        output.append(contentsOf: bytes[place.end...])
        return output
    }

    /// Where member `key` of the top-level object `section` is: the range `start..<end` the
    /// whole member fills and the range of its `value`; or, when it is not there (`value`
    /// nil), the empty range where it would go — before the first member that sorts after
    /// it, or before the closing brace — and whether a member comes before that (`follows`).
    static func place(of key: String, in section: String, of bytes: UnsafeBufferPointer<UInt8>)
        -> (start: Int, end: Int, value: Range<Int>?, follows: Bool)?
    {
        var scanner = Scanner(bytes: bytes)
        return scanner.place(of: Array(key.utf8), in: Array(section.utf8))
    }

    /// Walks compact JSON only as far as the member sought.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        mutating func place(of key: [UInt8], in section: [UInt8]) -> (start: Int, end: Int, value: Range<Int>?, follows: Bool)? {
            guard take(UInt8(ascii: "{")) else { return nil }
            while index < bytes.count, bytes[index] != UInt8(ascii: "}") {
                guard let name = self.key(), take(UInt8(ascii: ":")) else { return nil }
                if name.elementsEqual(section) { return place(of: key) }
                guard skipValue(), skipComma() else { return nil }
            }
            return nil
        }

        /// The place of `key` in the object that starts here.
        mutating func place(of key: [UInt8]) -> (start: Int, end: Int, value: Range<Int>?, follows: Bool)? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var follows = false
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "}") { return (index, index, nil, follows) }
                let start = index
                guard let name = self.key() else { return nil }
                if name.elementsEqual(key) {
                    guard take(UInt8(ascii: ":")) else { return nil }
                    let valueStart = index
                    guard skipValue() else { return nil }
                    return (start, index, valueStart..<index, follows)
                }
                if !name.lexicographicallyPrecedes(key) { return (start, start, nil, follows) }
                guard take(UInt8(ascii: ":")), skipValue(), skipComma() else { return nil }
                follows = true
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
