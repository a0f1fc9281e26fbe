extension JSONValue {
    /// The value as compact JSON with sorted keys, as Go's encoder writes it.
    public static func compactJSON(_ value: JSONValue) -> String {
        String(decoding: compactJSONBytes(value), as: UTF8.self)
    }

    /// The value as compact JSON with sorted keys, as UTF-8 bytes: what a response body or a
    /// stored value needs, without a String in between.
    public static func compactJSONBytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(value, to: &output)
        return output
    }

    // Written byte by byte into one array: appending to a String was most of a GET's time.
    static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: append("null", to: &output)
        case .bool(let bool): append(bool ? "true" : "false", to: &output)
        case .integer(let integer): append(String(integer), to: &output)
        case .number(let number): append(JSONPath.text(.number(number)), to: &output)
        case .string(let string): writeString(string, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            // Runs of bytes that need no escape are copied whole: a last-applied record is a
            // kilobyte of JSON with a quote every few bytes.
            var runStart = 0
            var index = nextToEscape(in: bytes, from: 0)
            while index < bytes.count {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                let byte = bytes[index]
                let escaped: UInt8? =
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte
                    case UInt8(ascii: "\n"): UInt8(ascii: "n")
                    case UInt8(ascii: "\r"): UInt8(ascii: "r")
                    case UInt8(ascii: "\t"): UInt8(ascii: "t")
                    default: nil
                    }
                if let escaped {
                    output.append(UInt8(ascii: "\\"))
                    output.append(escaped)
                } else {
                    let hex = String(byte, radix: 16)
                    append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, to: &output)
                }
                runStart = index + 1
                index = nextToEscape(in: bytes, from: runStart)
            }
            // Bytes of multi-byte characters are copied as they are: UTF-8 in, UTF-8 out.
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The position of the first byte at or after `start` that JSON escapes (a control
    /// character, a quote or a backslash), or the end. Eight bytes are tested at a time: every
    /// string stored goes through here, and most need no escape at all.
    static func nextToEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        // The high bit of each byte of `word` below `limit` (at most 128). Borrows run upward,
        // so bytes above the first one below can be marked wrongly, but the first is exact:
        // only the lowest mark is used.
        func below(_ limit: UInt64, _ word: UInt64) -> UInt64 { (word &- ones &* limit) & ~word & highBits }
        var index = start
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            // A byte equal to c is a zero byte of word ^ c, which is below 1.
            let special = below(0x20, word) | below(1, word ^ (ones &* 0x22)) | below(1, word ^ (ones &* 0x5C))
            if special != 0 { return index + (special.trailingZeroBitCount >> 3) }
            index += 8
        }
        while index < bytes.count {
            let byte = base[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return bytes.count
    }
}
