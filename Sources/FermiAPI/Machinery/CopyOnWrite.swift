/// A field kept in a shared box until it is changed, as Swift's arrays are: copying the struct
/// that holds it copies one reference, not every string and array inside. Caches, snapshots
/// and events copy pods whole many times over; a pod's spec alone holds dozens of references.
///
/// It codes as the value itself (no wrapper level in JSON), and an optional field is left out
/// when nil and read as nil when missing, as a plain optional field is.
@propertyWrapper
public struct CopyOnWrite<Value: Sendable>: Sendable {
    private final class Box: @unchecked Sendable {
        // Changed only through `wrappedValue`'s modify, after making the box unique to the
        // one struct that changes it: no two threads can reach a box being changed.
        var value: Value

        init(_ value: Value) {
            self.value = value
        }
    }

    private var box: Box

    public init(wrappedValue: Value) {
        box = Box(wrappedValue)
    }

    public var wrappedValue: Value {
        // Read in place: a getter would copy the whole value out to read one field of it.
        _read { yield box.value }
        set {
            if isKnownUniquelyReferenced(&box) {
                box.value = newValue
            } else {
                box = Box(newValue)
            }
        }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }
}

extension CopyOnWrite: Equatable where Value: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.box === rhs.box || lhs.wrappedValue == rhs.wrappedValue
    }
}

extension CopyOnWrite: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        wrappedValue.hash(into: &hasher)
    }
}

extension CopyOnWrite: Decodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        self.init(wrappedValue: try Value(from: decoder))
    }
}

extension CopyOnWrite: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        try wrappedValue.encode(to: encoder)
    }
}

// Synthesized coding reads and writes a wrapped field with `decode` and `encode`: for an
// optional one these make it optional in JSON too, as `decodeIfPresent` and `encodeIfPresent`
// do for a plain optional field.

extension KeyedDecodingContainer {
    public func decode<Wrapped: Decodable & Sendable>(_ type: CopyOnWrite<Wrapped?>.Type, forKey key: Key) throws
        -> CopyOnWrite<Wrapped?>
    {
        CopyOnWrite(wrappedValue: try decodeIfPresent(Wrapped.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    public mutating func encode<Wrapped: Encodable & Sendable>(_ value: CopyOnWrite<Wrapped?>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}
