/// A JSON object written member by member straight into one buffer, for types that write their
/// own compact JSON (see `CompactJSONEncoder`): the same bytes `JSONValue.compactJSONBytes` writes of the `JSONValue`
/// Codable would make (keys sorted, nil members left out), with no containers or member arrays
/// in between. Writers add members in key order, as they will be read; debug builds check it.
struct CompactJSONObject {
    private var output: [UInt8]
    private var hasMembers = false
    #if DEBUG
    private var lastKey: String?
    #endif

    /// An object written on after what `output` holds; `output` is taken, not copied.
    private init(continuing output: inout [UInt8]) {
        self.output = []
        swap(&self.output, &output)
        self.output.append(UInt8(ascii: "{"))
    }

    private mutating func startMember(_ key: String) {
        #if DEBUG
        if let lastKey { precondition(lastKey < key, "member \(key) written after \(lastKey): members go in key order") }
        lastKey = key
        #endif
        if hasMembers { output.append(UInt8(ascii: ",")) }
        hasMembers = true
        JSONValue.writeString(key, to: &output)
        output.append(UInt8(ascii: ":"))
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        startMember(key)
        JSONValue.writeString(value, to: &output)
    }

    mutating func add(_ key: String, _ value: Int64?) {
        guard let value else { return }
        startMember(key)
        append(String(value))
    }

    mutating func add(_ key: String, _ value: Int32?) {
        add(key, value.map(Int64.init))
    }

    mutating func add(_ key: String, _ value: Bool?) {
        guard let value else { return }
        startMember(key)
        append(value ? "true" : "false")
    }

    /// A resource list: each quantity as its text, as `Quantity` encodes itself.
    mutating func add(_ key: String, _ value: ResourceList?) {
        add(key, value?.mapValues(\.text))
    }

    mutating func add(_ key: String, _ value: [String: String]?) {
        add(key, object: value) { map, object in
            for (name, member) in map.sorted(by: { $0.key < $1.key }) { object.add(name, member) }
        }
    }

    mutating func add(_ key: String, _ value: [String]?) {
        guard let value else { return }
        startMember(key)
        output.append(UInt8(ascii: "["))
        for (index, item) in value.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.writeString(item, to: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    /// An object member, `write` adding its members.
    mutating func add<Value>(_ key: String, object value: Value?, _ write: (Value, inout CompactJSONObject) throws -> Void) rethrows {
        guard let value else { return }
        startMember(key)
        try Self.write(value, to: &output, write)
    }

    /// An array of objects, `write` adding each one's members.
    mutating func add<Value>(_ key: String, objects value: [Value]?, _ write: (Value, inout CompactJSONObject) throws -> Void) rethrows {
        guard let value else { return }
        startMember(key)
        output.append(UInt8(ascii: "["))
        for (index, item) in value.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            try Self.write(item, to: &output, write)
        }
        output.append(UInt8(ascii: "]"))
    }

    /// A member written by its Codable encoding (see `CompactJSONEncoder`): for the fields of
    /// types written here that are themselves rarely set.
    mutating func add(_ key: String, encoding value: (some Encodable)?) throws {
        guard let value else { return }
        startMember(key)
        try CompactJSONEncoder.write(value, to: &output)
    }

    /// Writes `value` as an object at the end of `output`, `write` adding its members.
    static func write<Value>(_ value: Value, to output: inout [UInt8], _ write: (Value, inout CompactJSONObject) throws -> Void) rethrows {
        var nested = CompactJSONObject(continuing: &output)
        // The buffer goes back to `output` even when `write` throws.
        defer {
            nested.output.append(UInt8(ascii: "}"))
            swap(&output, &nested.output)
        }
        try write(value, &nested)
    }
}
