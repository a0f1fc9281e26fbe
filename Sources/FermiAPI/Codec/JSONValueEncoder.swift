/// Encodes any `Encodable` straight into a `JSONValue`, without writing and re-reading JSON
/// text: the API layer turns every object into its JSON form several times per write (apply's
/// merge, the last-applied record, the stored bytes), so this is on the hot path of apply.
///
/// Absent optionals are left out, as `JSONEncoder` leaves them out. The API types encode
/// without fail, so containers do not track their coding path (it is always empty).
public enum JSONValueEncoder {
    /// The JSON form of `value`.
    public static func encode(_ value: some Encodable) throws -> JSONValue {
        let encoder = ValueEncoder()
        try value.encode(to: encoder)
        return encoder.node.value
    }

    /// The compact JSON of `value`, keys sorted: the bytes `JSONValue.compactJSONBytes` writes
    /// for `encode(value)`, streamed into one buffer as `value` encodes itself (see
    /// `CompactJSONEncoder`). Every stored write goes through it.
    public static func encodeCompactJSONBytes(_ value: some Encodable) throws -> [UInt8] {
        if let bytes = try CompactJSONEncoder.bytes(of: value) { return bytes }
        return try treeCompactJSONBytes(value)
    }

    /// The compact JSON of `value` written from the encoded tree, without building the
    /// `JSONValue` (a dictionary per object) in between: for values that write a nested
    /// container out of turn, which streaming cannot follow.
    static func treeCompactJSONBytes(_ value: some Encodable) throws -> [UInt8] {
        let encoder = ValueEncoder()
        try value.encode(to: encoder)
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        encoder.node.write(to: &output)
        return output
    }
}

/// A JSON value being built: containers fill it in as they are written. Scalars are held as
/// values, so that only objects and arrays cost a node of their own.
private final class EncodingNode {
    /// A member or item: a finished value, or a container still being filled.
    private enum Slot {
        case value(JSONValue)
        case node(EncodingNode)

        var value: JSONValue {
            switch self {
            case .value(let value): value
            case .node(let node): node.value
            }
        }

        func write(to output: inout [UInt8]) {
            switch self {
            case .value(let value): JSONValue.write(value, to: &output)
            case .node(let node): node.write(to: &output)
            }
        }
    }

    private enum Shape { case scalar, object, array }

    private var shape = Shape.scalar
    private var scalar: JSONValue?
    /// In the order written: a key written twice keeps its last value. Appending is cheaper
    /// than hashing each key into a dictionary, and the keys are sorted once, when written.
    private var members: [(key: String, slot: Slot)] = []
    private var items: [Slot] = []

    var value: JSONValue {
        switch shape {
        case .object: .object(Dictionary(members.lazy.map { ($0.key, $0.slot.value) }, uniquingKeysWith: { _, last in last }))
        case .array: .array(items.map(\.value))
        case .scalar: scalar ?? .object([:])
        }
    }

    var count: Int { items.count }

    /// Writes `value` as `JSONValue.compactJSONBytes` would: keys sorted, no spaces.
    func write(to output: inout [UInt8]) {
        switch shape {
        case .object:
            output.append(UInt8(ascii: "{"))
            // A stable sort keeps a repeated key's writes in order: the last of each run wins.
            let sorted = members.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }
            var first = true
            for (index, member) in sorted.enumerated() {
                if index + 1 < sorted.count, sorted[index + 1].element.key == member.element.key { continue }
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeString(member.element.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.element.slot.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .array:
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .scalar:
            JSONValue.write(scalar ?? .object([:]), to: &output)
        }
    }

    func set(_ value: JSONValue) {
        shape = .scalar
        scalar = value
        members = []
        items = []
    }

    func becomeObject() { shape = .object }

    func becomeArray() { shape = .array }

    func setMember(_ key: String, _ value: JSONValue) {
        shape = .object
        members.append((key, .value(value)))
    }

    /// The node of a nested container under `key`: asked for twice, the same node.
    func member(_ key: String) -> EncodingNode {
        if case .node(let existing)? = members.last(where: { $0.key == key })?.slot { return existing }
        return newMember(key)
    }

    /// A new node for the value under `key`, in place of any written before.
    func newMember(_ key: String) -> EncodingNode {
        shape = .object
        let node = EncodingNode()
        members.append((key, .node(node)))
        return node
    }

    func appendValue(_ value: JSONValue) {
        shape = .array
        items.append(.value(value))
    }

    func append() -> EncodingNode {
        shape = .array
        let node = EncodingNode()
        items.append(.node(node))
        return node
    }
}

/// The JSON scalar `value` is written as; nil when it is written through its own `encode(to:)`.
/// The type is compared, not the value cast: casting a value copies it into a box first (most
/// values tested are structs such as a whole pod spec), and even a test of the type for a
/// protocol looks the conformance up in the runtime's cache, where comparing metatypes is a
/// pointer comparison.
private func scalarValue<T: Encodable>(of value: T) -> JSONValue? {
    if T.self == String.self { return .string(value as! String) }
    if T.self == Bool.self { return .bool(value as! Bool) }
    if T.self == Int.self { return .integer(Int64(value as! Int)) }
    if T.self == Int32.self { return .integer(Int64(value as! Int32)) }
    if T.self == Int64.self { return .integer(value as! Int64) }
    if T.self == Double.self { return .number(value as! Double) }
    if T.self == JSONValue.self { return value as? JSONValue }
    return nil
}

/// A struct of one reference, so that handing it to a value's `encode(to:)` as `any Encoder`
/// fits the existential's inline buffer and allocates nothing.
private struct ValueEncoder: Encoder {
    let node: EncodingNode
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: EncodingNode = EncodingNode()) {
        self.node = node
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedContainer(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node)
    }
}

/// Encodes one value into `node`: scalars directly, anything else through its own `encode(to:)`.
private func encodeValue(_ value: some Encodable, into node: EncodingNode) throws {
    if let scalar = scalarValue(of: value) {
        node.set(scalar)
    } else {
        try value.encode(to: ValueEncoder(node: node))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { node.setMember(key.stringValue, .null) }

    // Scalars are most fields: they are written as values, without the generic path's
    // conformance test, and an absent optional is left out.
    mutating func encode(_ value: String, forKey key: Key) throws { node.setMember(key.stringValue, .string(value)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.setMember(key.stringValue, .bool(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.setMember(key.stringValue, .integer(Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.setMember(key.stringValue, .integer(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.setMember(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.setMember(key.stringValue, .number(value)) }

    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { node.setMember(key.stringValue, .string(value)) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { node.setMember(key.stringValue, .bool(value)) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { node.setMember(key.stringValue, .integer(Int64(value))) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { node.setMember(key.stringValue, .integer(Int64(value))) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { node.setMember(key.stringValue, .integer(value)) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { node.setMember(key.stringValue, .number(value)) }
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        if let scalar = scalarValue(of: value) {
            node.setMember(key.stringValue, scalar)
        } else {
            try value.encode(to: ValueEncoder(node: node.newMember(key.stringValue)))
        }
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = node.member(key.stringValue)
        child.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.member(key.stringValue)
        child.becomeArray()
        return UnkeyedContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(node: node.member("super")) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        ValueEncoder(node: node.member(key.stringValue))
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    var codingPath: [any CodingKey] { [] }
    var count: Int { node.count }

    mutating func encodeNil() throws { node.appendValue(.null) }

    mutating func encode(_ value: String) throws { node.appendValue(.string(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        if let scalar = scalarValue(of: value) {
            node.appendValue(scalar)
        } else {
            try value.encode(to: ValueEncoder(node: node.append()))
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = node.append()
        child.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = node.append()
        child.becomeArray()
        return UnkeyedContainer(node: child)
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(node: node.append()) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { node.set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, into: node)
    }
}
