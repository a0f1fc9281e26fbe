/// Decodes any `Decodable` straight from a `JSONValue`, without writing and re-reading JSON
/// text, throwing the same `DecodingError`s (with coding paths) that `JSONDecoder` throws, so
/// manifests' errors still name the field.
public enum JSONValueDecoder {
    /// `value` as a `T`.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try decodeValue(T.self, from: value, path: nil, reads: nil)
    }

    /// `value` as a `T`, and the members of `value`'s objects that no part of `T` read: the
    /// fields the type does not have, each as its path of member names and list positions,
    /// in order. Null members are not counted, as upstream's strict decoding skips them.
    public static func decodeReportingUnread<T: Decodable>(_ type: T.Type, from value: JSONValue) throws
        -> (value: T, unread: [[UnreadStep]])
    {
        let reads = MemberReads()
        let decoded = try decodeValue(T.self, from: value, path: nil, reads: reads)
        return (decoded, reads.unread())
    }

    /// A step of an unread member's path.
    public enum UnreadStep: Hashable, Sendable, Comparable {
        case member(String)
        case position(Int)
    }
}

/// The objects a decoding opened, each with the members that were read: one record per keyed
/// container, so that the cost is a small array append per field present.
private final class MemberReads {
    final class Record {
        let path: CodingPathNode?
        let members: [String: JSONValue]
        var read: [String] = []
        /// Someone listed the keys (a map of objects does): every member counts as read.
        var readAll = false

        init(path: CodingPathNode?, members: [String: JSONValue]) {
            self.path = path
            self.members = members
        }

        var unreadNames: [String] {
            if readAll { return [] }
            return members.compactMap { name, value in value == .null || read.contains(name) ? nil : name }
        }
    }

    private var records: [Record] = []

    func open(_ members: [String: JSONValue], at path: CodingPathNode?) -> Record {
        let record = Record(path: path, members: members)
        records.append(record)
        return record
    }

    func unread() -> [[JSONValueDecoder.UnreadStep]] {
        let candidates = records.filter { !$0.unreadNames.isEmpty }
        guard !candidates.isEmpty else { return [] }
        // A type may read one object through two containers (a wrapper reads it, then the
        // wrapped type): a member counts as read when any container at its path read it.
        var readAt: [[JSONValueDecoder.UnreadStep]: (all: Bool, names: Set<String>)] = [:]
        for record in records {
            let steps = Self.steps(record.path)
            var entry = readAt[steps] ?? (false, [])
            entry.all = entry.all || record.readAll
            entry.names.formUnion(record.read)
            readAt[steps] = entry
        }
        var unread: Set<[JSONValueDecoder.UnreadStep]> = []
        for record in candidates {
            let steps = Self.steps(record.path)
            guard let entry = readAt[steps], !entry.all else { continue }
            for name in record.unreadNames where !entry.names.contains(name) {
                unread.insert(steps + [.member(name)])
            }
        }
        return unread.sorted { $0.lexicographicallyPrecedes($1) }
    }

    private static func steps(_ path: CodingPathNode?) -> [JSONValueDecoder.UnreadStep] {
        path.keys.map { key in key is IndexKey ? .position(key.intValue ?? 0) : .member(key.stringValue) }
    }
}

/// A decoding container that can show the JSON value it reads, so that a type accepting
/// several JSON shapes (a quantity as a number or a string) looks instead of trying each and
/// catching the failures.
public protocol JSONValueContainer {
    /// The value the container reads.
    var jsonValue: JSONValue { get }
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}

/// Where a decoder is, as a chain of keys back to the root: building it costs one small
/// allocation per field, and the array `codingPath` is made only when someone asks (an error).
private final class CodingPathNode {
    let parent: CodingPathNode?
    let key: any CodingKey

    init(_ parent: CodingPathNode?, _ key: any CodingKey) {
        self.parent = parent
        self.key = key
    }
}

extension Optional where Wrapped == CodingPathNode {
    fileprivate var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node = self
        while let current = node {
            keys.append(current.key)
            node = current.parent
        }
        return keys.reversed()
    }
}

private func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: CodingPathNode?) -> DecodingError {
    let codingPath = path.keys
    if value == .null {
        return .valueNotFound(type, .init(codingPath: codingPath, debugDescription: "Expected \(type) value but found null instead."))
    }
    return .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "Expected to decode \(type) but found another value instead."))
}

private func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, _ path: CodingPathNode?) throws -> I {
    switch value {
    case .integer(let integer):
        if let exact = I(exactly: integer) { return exact }
    case .number(let number):
        if let exact = I(exactly: number) { return exact }
    default:
        throw mismatch(type, value, path)
    }
    throw DecodingError.dataCorrupted(
        .init(codingPath: path.keys, debugDescription: "Number \(value) does not fit in \(type)."))
}

/// A type read straight from a JSON scalar (or, for `JSONValue`, any value).
fileprivate protocol JSONScalar {
    static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> Self
}

extension String: JSONScalar {
    fileprivate static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> String {
        guard case .string(let string) = value else { throw mismatch(self, value, path) }
        return string
    }
}

extension Bool: JSONScalar {
    fileprivate static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> Bool {
        guard case .bool(let bool) = value else { throw mismatch(self, value, path) }
        return bool
    }
}

extension Int: JSONScalar {
    fileprivate static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> Int { try integer(self, value, path) }
}

extension Int32: JSONScalar {
    fileprivate static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> Int32 { try integer(self, value, path) }
}

extension Int64: JSONScalar {
    fileprivate static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> Int64 { try integer(self, value, path) }
}

extension Double: JSONScalar {
    fileprivate static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> Double {
        switch value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        default: throw mismatch(self, value, path)
        }
    }
}

extension JSONValue: JSONScalar {
    fileprivate static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> JSONValue { value }
}

extension Quantity: JSONScalar {
    fileprivate static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> Quantity {
        guard let text = Quantity.text(of: value) else { throw mismatch(String.self, value, path) }
        guard let quantity = Quantity(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: path.keys, debugDescription: Quantity.grammar))
        }
        return quantity
    }
}

/// A member's name in a map read as a scalar, as it appears in a coding path.
private struct MemberKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

// Maps and lists of scalars (labels, annotations, resource lists, args) are most of a pod's
// nested values: read them member by member here rather than through a generic container
// call per member. A member's coding path is made only for an error: the member is read again
// with it, to throw the error that names it.

extension Dictionary: JSONScalar where Key == String, Value: JSONScalar {
    fileprivate static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> [String: Value] {
        guard case .object(let members) = value else { throw mismatch([String: JSONValue].self, value, path) }
        var map: [String: Value] = [:]
        map.reserveCapacity(members.count)
        for (name, member) in members {
            do {
                map[name] = try Value.scalar(from: member, path: nil)
            } catch {
                _ = try Value.scalar(from: member, path: CodingPathNode(path, MemberKey(name)))
                throw error
            }
        }
        return map
    }
}

extension Array: JSONScalar where Element: JSONScalar {
    fileprivate static func scalar(from value: JSONValue, path: CodingPathNode?) throws -> [Element] {
        guard case .array(let items) = value else { throw mismatch([JSONValue].self, value, path) }
        var list: [Element] = []
        list.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                list.append(try Element.scalar(from: item, path: nil))
            } catch {
                _ = try Element.scalar(from: item, path: CodingPathNode(path, IndexKey(index)))
                throw error
            }
        }
        return list
    }
}

/// Decodes one value: scalars directly (one conformance test, not one type test each),
/// anything else through its own `init(from:)`.
private func decodeValue<T: Decodable>(_ type: T.Type, from value: JSONValue, path: CodingPathNode?, reads: MemberReads?) throws -> T {
    if let scalar = type as? any JSONScalar.Type { return try scalar.scalar(from: value, path: path) as! T }
    return try T(from: ValueDecoder(value: value, path: path, reads: reads))
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let path: CodingPathNode?
    /// Where the members read are noted, when the caller asked which were not.
    let reads: MemberReads?
    var codingPath: [any CodingKey] { path.keys }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: JSONValue].self, value, path) }
        return KeyedDecodingContainer(
            KeyedContainer<Key>(members: members, path: path, reads: reads, record: reads?.open(members, at: path)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([JSONValue].self, value, path) }
        return UnkeyedContainer(items: items, path: path, reads: reads)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(value: value, path: path, reads: reads)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    /// The object read, held by one reference: the standard library's container box copies
    /// the container for every field asked of it, a retain and a release per reference held.
    private let object: KeyedObject
    var members: [String: JSONValue] { object.members }
    var path: CodingPathNode? { object.path }
    var reads: MemberReads? { object.reads }
    var record: MemberReads.Record? { object.record }
    private var signatures: UInt64 { object.signatures }
    var codingPath: [any CodingKey] { path.keys }

    init(members: [String: JSONValue], path: CodingPathNode?, reads: MemberReads?, record: MemberReads.Record?) {
        object = KeyedObject(members: members, path: path, reads: reads, record: record)
    }

    /// The member named `name`, if there is one.
    private func member(named name: String) -> JSONValue? {
        guard signatures & NameSignature.bit(of: name) != 0, let value = members[name] else { return nil }
        record?.read.append(name)
        return value
    }

    var allKeys: [Key] {
        record?.readAll = true
        return members.keys.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool { member(named: key.stringValue) != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let value = member(named: key.stringValue) else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue)."))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { (member(named: key.stringValue) ?? .null) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decodeValue(type, from: try member(key), path: CodingPathNode(path, key), reads: reads)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = member(named: key.stringValue), value != .null else { return nil }
        return try decodeValue(type, from: value, path: CodingPathNode(path, key), reads: reads)
    }

    // Scalars are most fields: read them without the generic path's type tests, and make the
    // coding path only for an error.

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let value = try member(key)
        guard case .string(let string) = value else { throw mismatch(type, value, CodingPathNode(path, key)) }
        return string
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        switch member(named: key.stringValue) {
        case nil, .null?: return nil
        case .string(let string)?: return string
        case let value?: throw mismatch(type, value, CodingPathNode(path, key))
        }
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        let value = try member(key)
        guard case .bool(let bool) = value else { throw mismatch(type, value, CodingPathNode(path, key)) }
        return bool
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        switch member(named: key.stringValue) {
        case nil, .null?: return nil
        case .bool(let bool)?: return bool
        case let value?: throw mismatch(type, value, CodingPathNode(path, key))
        }
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try scalar(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try scalar(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try scalar(type, key) }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try scalarIfPresent(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try scalarIfPresent(type, key) }

    private func scalar<I: FixedWidthInteger>(_ type: I.Type, _ key: Key) throws -> I {
        let value = try member(key)
        if case .integer(let integer) = value, let exact = I(exactly: integer) { return exact }
        return try integer(type, value, CodingPathNode(path, key))
    }

    private func scalarIfPresent<I: FixedWidthInteger>(_ type: I.Type, _ key: Key) throws -> I? {
        guard let value = member(named: key.stringValue), value != .null else { return nil }
        if case .integer(let integer) = value, let exact = I(exactly: integer) { return exact }
        return try integer(type, value, CodingPathNode(path, key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try ValueDecoder(value: try member(key), path: CodingPathNode(path, key), reads: reads).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: try member(key), path: CodingPathNode(path, key), reads: reads).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: member(named: "super") ?? .null, path: path, reads: reads)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: member(named: key.stringValue) ?? .null, path: CodingPathNode(path, key), reads: reads)
    }
}

/// What a keyed container reads: the object's members, where it is, and where reads are noted.
private final class KeyedObject {
    let members: [String: JSONValue]
    let path: CodingPathNode?
    let reads: MemberReads?
    let record: MemberReads.Record?
    /// One bit per member name's `NameSignature`: a type asks for each of its fields, and most
    /// are absent (a PodSpec has some forty, a pod sets a handful), so a clear bit answers
    /// "absent" without hashing the name.
    let signatures: UInt64

    init(members: [String: JSONValue], path: CodingPathNode?, reads: MemberReads?, record: MemberReads.Record?) {
        self.members = members
        self.path = path
        self.reads = reads
        self.record = record
        signatures = members.keys.reduce(0) { $0 | NameSignature.bit(of: $1) }
    }
}

/// A cheap stand-in for a member name, from its length and first byte (no hash of the whole
/// name): one of 64 bits.
private enum NameSignature {
    static func bit(of name: String) -> UInt64 {
        let utf8 = name.utf8
        return 1 << UInt64((utf8.count &* 7 &+ Int(utf8.first ?? 0)) & 63)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let path: CodingPathNode?
    let reads: MemberReads?
    var codingPath: [any CodingKey] { path.keys }
    var currentIndex = 0

    init(items: [JSONValue], path: CodingPathNode?, reads: MemberReads?) {
        self.items = items
        self.path = path
        self.reads = reads
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next(_ type: Any.Type) throws -> (JSONValue, CodingPathNode) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "Unkeyed container is at end."))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], CodingPathNode(path, IndexKey(currentIndex)))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, itemPath) = try next(type)
        return try decodeValue(type, from: value, path: itemPath, reads: reads)
    }

    mutating func decode(_ type: String.Type) throws -> String {
        if currentIndex < items.count, case .string(let string) = items[currentIndex] {
            currentIndex += 1
            return string
        }
        let (value, itemPath) = try next(type)
        throw mismatch(type, value, itemPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (value, itemPath) = try next([String: JSONValue].self)
        return try ValueDecoder(value: value, path: itemPath, reads: reads).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, itemPath) = try next([JSONValue].self)
        return try ValueDecoder(value: value, path: itemPath, reads: reads).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, itemPath) = try next(JSONValue.self)
        return ValueDecoder(value: value, path: itemPath, reads: reads)
    }
}

private struct SingleContainer: SingleValueDecodingContainer, JSONValueContainer {
    let value: JSONValue
    let path: CodingPathNode?
    let reads: MemberReads?
    var jsonValue: JSONValue { value }
    var codingPath: [any CodingKey] { path.keys }

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeValue(type, from: value, path: path, reads: reads)
    }
}
