/// Writes any `Encodable`'s compact JSON, keys sorted, straight into one byte buffer as its
/// `encode(to:)` runs: each object's members are written where they fall, and put in key order
/// only when the object is done and they came in another order. Every stored write goes
/// through it, so it avoids the tree of nodes (an allocation per object and per array) that
/// `JSONValueEncoder.encode` builds.
///
/// Streaming needs each container written while it is the innermost one being written, which
/// is how synthesized and stdlib `encode(to:)` methods write. A container written out of turn
/// (a nested container kept and filled later) makes `bytes(of:)` return nil, and the caller
/// encodes through the tree instead.
enum CompactJSONEncoder {
    /// The compact JSON of `value`, or nil when it writes a container out of turn.
    static func bytes(of value: some Encodable) throws -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(2048)
        return try stream(value, to: &output) ? output : nil
    }

    /// Appends the compact JSON of `value` to `output`: streamed, or, when `value` writes a
    /// container out of turn, written from `JSONValueEncoder`'s tree.
    static func write(_ value: some Encodable, to output: inout [UInt8]) throws {
        let start = output.count
        if try stream(value, to: &output) { return }
        output.removeSubrange(start...)
        output += try JSONValueEncoder.treeCompactJSONBytes(value)
    }

    /// Streams `value` onto the end of `output`; false when it wrote a container out of turn
    /// (what it appended is then not JSON).
    private static func stream(_ value: some Encodable, to output: inout [UInt8]) throws -> Bool {
        // Reached through a pointer rather than a class reference: a class's stored properties
        // are checked for exclusive access at run time on every access, a fifth of the time.
        let writer = UnsafeMutablePointer<CompactJSONWriter>.allocate(capacity: 1)
        writer.initialize(to: CompactJSONWriter())
        swap(&writer.pointee.output, &output)
        defer {
            swap(&writer.pointee.output, &output)
            writer.deinitialize(count: 1).deallocate()
        }
        try writeValue(value, with: writer)
        return !writer.pointee.outOfTurn
    }
}

/// Writes `value` with `writer`: a scalar directly, anything else through its own
/// `encode(to:)`, in a frame of its own that is closed when it returns. (A function, not a
/// mutating method, so that no access to the writer is open while the value writes to it.)
private func writeValue<T: Encodable>(_ value: T, with writer: UnsafeMutablePointer<CompactJSONWriter>) throws {
    if writer.pointee.writeScalar(value) { return }
    if try writeOwnJSON(value, to: &writer.pointee.output) { return }
    let depth = writer.pointee.openFrame()
    try value.encode(to: FrameEncoder(writer: writer, depth: depth))
    writer.pointee.close(depth)
}

/// Writes `value` when its type writes its own JSON (the types every stored object is mostly
/// made of: metadata, pod specs, templates and statuses, containers, maps of strings; and
/// events, the kind written most), comparing types as `writeScalar` does; false for any other
/// type.
private func writeOwnJSON<T: Encodable>(_ value: T, to output: inout [UInt8]) throws -> Bool {
    // Read in place: a cast would copy the value, retaining each of its fields.
    func read<Own>(as type: Own.Type, _ write: (Own, inout CompactJSONObject) throws -> Void) throws {
        try withUnsafePointer(to: value) { pointer in
            try CompactJSONObject.write(UnsafeRawPointer(pointer).assumingMemoryBound(to: Own.self).pointee, to: &output, write)
        }
    }
    if T.self == PodSpec.self {
        try read(as: PodSpec.self) { try $0.writeMembers(to: &$1) }
    } else if T.self == PodTemplateSpec.self {
        try read(as: PodTemplateSpec.self) { template, object in
            try object.add("metadata", object: template.metadata) { try $0.writeMembers(to: &$1) }
            try object.add("spec", object: template.spec) { try $0.writeMembers(to: &$1) }
        }
    } else if T.self == [String: String].self {
        // Config maps' data, selectors, annotations: written in key order with no reordering.
        try read(as: [String: String].self) { map, object in
            for (key, value) in map.sorted(by: { $0.key < $1.key }) { object.add(key, value) }
        }
    } else if T.self == ObjectMeta.self {
        try read(as: ObjectMeta.self) { try $0.writeMembers(to: &$1) }
    } else if T.self == Container.self {
        try read(as: Container.self) { try $0.writeMembers(to: &$1) }
    } else if T.self == PodStatus.self {
        try read(as: PodStatus.self) { $0.writeMembers(to: &$1) }
    } else if T.self == Event.self {
        try read(as: Event.self) { try $0.writeMembers(to: &$1) }
    } else {
        return false
    }
    return true
}

/// The buffer and the objects and arrays open in it, innermost last.
private struct CompactJSONWriter {
    var output: [UInt8] = []
    /// Set when a container is written after a container nested in it was opened: the bytes
    /// are then not in the order JSON needs.
    var outOfTurn = false

    /// An object or array being written, or a value whose `encode(to:)` has not yet asked for
    /// a container.
    private struct Frame {
        enum Shape { case undecided, object, array, single }
        var shape = Shape.undecided
        /// Where the object's or array's first member goes, after its opening bracket.
        var bodyStart = 0
        /// Where this object's members start in `members`.
        var membersStart = 0
        /// Members were written in strictly increasing key order (nothing to reorder).
        var inKeyOrder = true
        var count = 0
    }

    /// One object member's bytes: the key's opening quote up to the end of the value.
    private struct Member {
        var key: String
        var start: Int
        var end: Int
    }

    private var frames: [Frame] = []
    private var members: [Member] = []
    /// Where an object's bytes are moved while its members are put in order.
    private var scratch: [UInt8] = []

    init() {
        frames.reserveCapacity(16)
        members.reserveCapacity(64)
    }

    /// Opens a frame for a value about to write itself; returns its depth.
    mutating func openFrame() -> Int {
        frames.append(Frame())
        return frames.count - 1
    }

    /// Writes `value` when it is a JSON scalar, comparing types rather than casting values (see
    /// `scalarValue(of:)`).
    mutating func writeScalar<T: Encodable>(_ value: T) -> Bool {
        if T.self == String.self {
            JSONValue.writeString(value as! String, to: &output)
        } else if T.self == Bool.self {
            writeBool(value as! Bool)
        } else if T.self == Int.self {
            writeInteger(Int64(value as! Int))
        } else if T.self == Int32.self {
            writeInteger(Int64(value as! Int32))
        } else if T.self == Int64.self {
            writeInteger(value as! Int64)
        } else if T.self == Double.self {
            JSONValue.write(.number(value as! Double), to: &output)
        } else if T.self == JSONValue.self {
            JSONValue.write(value as! JSONValue, to: &output)
        } else {
            return false
        }
        return true
    }

    mutating func writeString(_ value: String) { JSONValue.writeString(value, to: &output) }

    mutating func writeBool(_ value: Bool) { append(value ? "true" : "false") }

    mutating func writeInteger(_ value: Int64) { append(String(value)) }

    mutating func writeDouble(_ value: Double) { JSONValue.write(.number(value), to: &output) }

    mutating func writeNull() { append("null") }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
    }

    /// Whether the frame at `depth` may be written now: it is the innermost open one.
    private mutating func isCurrent(_ depth: Int) -> Bool {
        if depth >= 0, depth == frames.count - 1 { return true }
        outOfTurn = true
        return false
    }

    /// Makes the frame at `depth` an object, opening it the first time.
    mutating func beginObject(_ depth: Int) {
        guard isCurrent(depth) else { return }
        guard frames[depth].shape != .object else { return }
        frames[depth].shape = .object
        output.append(UInt8(ascii: "{"))
        frames[depth].bodyStart = output.count
        frames[depth].membersStart = members.count
    }

    mutating func beginArray(_ depth: Int) {
        guard isCurrent(depth) else { return }
        guard frames[depth].shape != .array else { return }
        frames[depth].shape = .array
        output.append(UInt8(ascii: "["))
    }

    /// Starts a member of the object at `depth`; false when the frame is written out of turn.
    mutating func beginMember(_ key: String, in depth: Int) -> Bool {
        guard isCurrent(depth) else { return false }
        var frame = frames[depth]
        if frame.count > 0 {
            output.append(UInt8(ascii: ","))
            if frame.inKeyOrder, !(members[members.count - 1].key < key) { frame.inKeyOrder = false }
        }
        frame.count += 1
        frames[depth] = frame
        members.append(Member(key: key, start: output.count, end: output.count))
        JSONValue.writeString(key, to: &output)
        output.append(UInt8(ascii: ":"))
        return true
    }

    /// Marks the end of the member just written in the object at `depth`.
    mutating func endMember(in depth: Int) {
        guard depth >= 0, depth == frames.count - 1, frames[depth].shape == .object else { return }
        members[members.count - 1].end = output.count
    }

    /// Starts an item of the array at `depth`; false when the frame is written out of turn.
    mutating func beginItem(in depth: Int) -> Bool {
        guard isCurrent(depth) else { return false }
        if frames[depth].count > 0 { output.append(UInt8(ascii: ",")) }
        frames[depth].count += 1
        return true
    }

    func count(in depth: Int) -> Int { frames.indices.contains(depth) ? frames[depth].count : 0 }

    /// Makes the frame at `depth` a single value about to be written.
    mutating func beginSingle(_ depth: Int) -> Bool {
        guard isCurrent(depth) else { return false }
        frames[depth].shape = .single
        frames[depth].count += 1
        return true
    }

    /// Closes the innermost frame, which is at `depth`: an object's members are put in key
    /// order (the last write of a key kept), and a value that wrote nothing is an empty object,
    /// as `JSONValueEncoder` makes it.
    mutating func close(_ depth: Int) {
        let frame = frames.removeLast()
        switch frame.shape {
        case .undecided:
            append("{}")
        case .single:
            if frame.count == 0 { append("{}") }
        case .array:
            output.append(UInt8(ascii: "]"))
        case .object:
            if !frame.inKeyOrder { putInKeyOrder(frame) }
            members.removeSubrange(frame.membersStart...)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Rewrites the members of `frame`, the last bytes written, in key order; of a key written
    /// more than once, only the last write is kept.
    private mutating func putInKeyOrder(_ frame: Frame) {
        let written = members[frame.membersStart...]
        // A stable sort keeps a repeated key's writes in order: the last of each run wins.
        let sorted = written.indices.sorted { (members[$0].key, $0) < (members[$1].key, $1) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: output[frame.bodyStart...])
        output.removeSubrange(frame.bodyStart...)
        var first = true
        for (position, index) in sorted.enumerated() {
            if position + 1 < sorted.count, members[sorted[position + 1]].key == members[index].key { continue }
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            let member = members[index]
            output.append(contentsOf: scratch[(member.start - frame.bodyStart)..<(member.end - frame.bodyStart)])
        }
    }
}

/// The encoder handed to a value's `encode(to:)`: the writer and the frame the value is
/// written in. One pointer and an integer, so it fits an existential's inline buffer.
private struct FrameEncoder: Encoder {
    let writer: UnsafeMutablePointer<CompactJSONWriter>
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        writer.pointee.beginObject(depth)
        return KeyedEncodingContainer(StreamingKeyedContainer<Key>(writer: writer, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.pointee.beginArray(depth)
        return StreamingUnkeyedContainer(writer: writer, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamingSingleContainer(writer: writer, depth: depth)
    }
}

/// A container nested in a keyed or unkeyed one is written after its parent moves on, which
/// streaming cannot follow: it marks the encoding out of turn, and writes into a throwaway frame.
private func outOfTurnEncoder(_ writer: UnsafeMutablePointer<CompactJSONWriter>) -> FrameEncoder {
    writer.pointee.outOfTurn = true
    return FrameEncoder(writer: writer, depth: -1)
}

private struct StreamingKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: UnsafeMutablePointer<CompactJSONWriter>
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    /// Writes the member `key`, `write` writing its value.
    private func member(_ key: Key, _ write: (inout CompactJSONWriter) -> Void) {
        guard writer.pointee.beginMember(key.stringValue, in: depth) else { return }
        write(&writer.pointee)
        writer.pointee.endMember(in: depth)
    }

    mutating func encodeNil(forKey key: Key) throws { member(key) { $0.writeNull() } }

    // Scalars are most fields: they are written directly, and an absent optional is left out.
    mutating func encode(_ value: String, forKey key: Key) throws { member(key) { $0.writeString(value) } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { member(key) { $0.writeBool(value) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encode(Int64(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(Int64(value), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { member(key) { $0.writeInteger(value) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { member(key) { $0.writeDouble(value) } }

    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(Int64(value), forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(Int64(value), forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        guard writer.pointee.beginMember(key.stringValue, in: depth) else { return }
        try writeValue(value, with: writer)
        writer.pointee.endMember(in: depth)
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        outOfTurnEncoder(writer).container(keyedBy: NestedKey.self)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        outOfTurnEncoder(writer).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { outOfTurnEncoder(writer) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { outOfTurnEncoder(writer) }
}

private struct StreamingUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: UnsafeMutablePointer<CompactJSONWriter>
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { writer.pointee.count(in: depth) }

    mutating func encodeNil() throws {
        guard writer.pointee.beginItem(in: depth) else { return }
        writer.pointee.writeNull()
    }

    mutating func encode(_ value: String) throws {
        guard writer.pointee.beginItem(in: depth) else { return }
        writer.pointee.writeString(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        guard writer.pointee.beginItem(in: depth) else { return }
        try writeValue(value, with: writer)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        outOfTurnEncoder(writer).container(keyedBy: NestedKey.self)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        outOfTurnEncoder(writer).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { outOfTurnEncoder(writer) }
}

private struct StreamingSingleContainer: SingleValueEncodingContainer {
    let writer: UnsafeMutablePointer<CompactJSONWriter>
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {
        guard writer.pointee.beginSingle(depth) else { return }
        writer.pointee.writeNull()
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        guard writer.pointee.beginSingle(depth) else { return }
        try writeValue(value, with: writer)
    }
}
