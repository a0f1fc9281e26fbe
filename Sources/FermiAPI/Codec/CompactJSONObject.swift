/// A JSON object written member by member, for types that write their own compact JSON: the
/// same bytes `JSONValue.compactJSONBytes` writes of the `JSONValue` Codable would make (keys
/// sorted, nil members left out), without the encoder's containers in between.
struct CompactJSONObject {
    private var members: [(key: String, value: [UInt8])] = []

    mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        var bytes: [UInt8] = []
        JSONValue.writeString(value, to: &bytes)
        members.append((key, bytes))
    }

    mutating func add(_ key: String, _ value: Int64?) {
        guard let value else { return }
        members.append((key, Array(String(value).utf8)))
    }

    mutating func add(_ key: String, _ value: Int32?) {
        add(key, value.map(Int64.init))
    }

    mutating func add(_ key: String, _ value: Bool?) {
        guard let value else { return }
        members.append((key, Array((value ? "true" : "false").utf8)))
    }

    /// A resource list: each quantity as its text, as `Quantity` encodes itself.
    mutating func add(_ key: String, _ value: ResourceList?) {
        add(key, value?.mapValues(\.text))
    }

    mutating func add(_ key: String, _ value: [String: String]?) {
        guard let value else { return }
        var object = CompactJSONObject()
        for (name, member) in value { object.add(name, member) }
        members.append((key, object.bytes()))
    }

    mutating func add(_ key: String, _ value: [String]?) {
        guard let value else { return }
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, item) in value.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.writeString(item, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        members.append((key, bytes))
    }

    mutating func add(_ key: String, object value: CompactJSONObject?) {
        guard let value else { return }
        members.append((key, value.bytes()))
    }

    mutating func add(_ key: String, objects value: [CompactJSONObject]?) {
        guard let value else { return }
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, item) in value.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: item.bytes())
        }
        bytes.append(UInt8(ascii: "]"))
        members.append((key, bytes))
    }

    func bytes() -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "{")]
        for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.writeString(member.key, to: &output)
            output.append(UInt8(ascii: ":"))
            output.append(contentsOf: member.value)
        }
        output.append(UInt8(ascii: "}"))
        return output
    }
}

/// An object that can write its own compact JSON, as `JSONValue.compactJSONBytes` would write
/// its Codable encoding, faster: for kinds written very often (events).
public protocol CompactJSONWritable {
    /// The compact JSON, or nil when the value holds something only Codable writes.
    func compactJSONBytes() -> [UInt8]?
}
