/// Encodes any `Encodable` straight into a `JSONValue`, without writing and re-reading JSON
/// text: the API layer turns every object into its JSON form several times per write (apply's
/// merge, the last-applied record, the stored bytes), so this is on the hot path of apply.
///
/// Absent optionals are left out, as `JSONEncoder` leaves them out. The API types encode
/// without fail, so containers do not track their coding path (it is always empty).
public enum JSONValueEncoder {
    /// The JSON form of `value`.
    public static func encode(_ value: some Encodable) throws -> JSONValue {
        let encoder = ValueEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.node.value
    }
}

/// A JSON value being built: containers fill it in as they are written.
private final class EncodingNode {
    private var scalar: JSONValue?
    private var members: [String: EncodingNode]?
    private var items: [EncodingNode]?

    var value: JSONValue {
        if let members { return .object(members.mapValues(\.value)) }
        if let items { return .array(items.map(\.value)) }
        return scalar ?? .object([:])
    }

    var count: Int { items?.count ?? 0 }

    func set(_ value: JSONValue) {
        scalar = value
        members = nil
        items = nil
    }

    func becomeObject() {
        if members == nil { members = [:] }
    }

    func becomeArray() {
        if items == nil { items = [] }
    }

    func member(_ key: String) -> EncodingNode {
        if let existing = members?[key] { return existing }
        let node = EncodingNode()
        if members == nil { members = [:] }
        members![key] = node
        return node
    }

    func append() -> EncodingNode {
        let node = EncodingNode()
        if items == nil { items = [] }
        items!.append(node)
        return node
    }
}

private final class ValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    let node: EncodingNode
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(codingPath: [any CodingKey], node: EncodingNode = EncodingNode()) {
        self.codingPath = codingPath
        self.node = node
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node, codingPath: codingPath)
    }
}

/// Encodes one value into `node`: scalars directly, anything else through its own `encode(to:)`.
private func encodeValue(_ value: some Encodable, into node: EncodingNode, codingPath: [any CodingKey]) throws {
    switch value {
    case let string as String: node.set(.string(string))
    case let bool as Bool: node.set(.bool(bool))
    case let int as Int: node.set(.integer(Int64(int)))
    case let int as Int32: node.set(.integer(Int64(int)))
    case let int as Int64: node.set(.integer(int))
    case let double as Double: node.set(.number(double))
    case let json as JSONValue: node.set(json)
    default: try value.encode(to: ValueEncoder(codingPath: codingPath, node: node))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.member(key.stringValue).set(.null) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.member(key.stringValue).set(.string(value)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.member(key.stringValue).set(.bool(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.member(key.stringValue).set(.integer(Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.member(key.stringValue).set(.integer(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.member(key.stringValue).set(.integer(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.member(key.stringValue).set(.number(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeValue(value, into: node.member(key.stringValue), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = node.member(key.stringValue)
        child.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.member(key.stringValue)
        child.becomeArray()
        return UnkeyedContainer(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(codingPath: codingPath, node: node.member("super")) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        ValueEncoder(codingPath: codingPath, node: node.member(key.stringValue))
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws { node.append().set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath
        try encodeValue(value, into: node.append(), codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let path = codingPath
        let child = node.append()
        child.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath
        let child = node.append()
        child.becomeArray()
        return UnkeyedContainer(node: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(codingPath: codingPath, node: node.append()) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, into: node, codingPath: codingPath)
    }
}
