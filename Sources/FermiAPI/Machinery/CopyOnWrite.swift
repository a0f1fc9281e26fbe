/// A field kept in a shared box until it is changed, as Swift's arrays are: copying the struct
/// that holds it copies one reference, not every string and array inside. Caches, snapshots
/// and events copy pods whole many times over; a pod's spec alone holds dozens of references.
///
/// It codes as the value itself (no wrapper level in JSON), and an optional field is left out
/// when nil and read as nil when missing, as a plain optional field is.
///
/// Not a property wrapper: the accessors Swift makes for a wrapped property copy the whole
/// value out on every read. The owner declares the field with `_read` and `_modify` accessors
/// over `value`, marked `@inlinable`, so that reading one member of it copies only that member.
public struct CopyOnWrite<Value: Sendable>: Sendable {
    @usableFromInline
    final class Box: @unchecked Sendable {
        // The value sits behind a pointer the box never changes: reading a class's `var`
        // copies it out, while a pointer's `pointee` is read in place. It is changed only
        // through `value`'s modify, after making the box unique to the one struct that
        // changes it, so no two threads can reach a box being changed.
        @usableFromInline
        let storage: UnsafeMutablePointer<Value>

        @usableFromInline
        init(_ value: Value) {
            storage = .allocate(capacity: 1)
            storage.initialize(to: value)
        }

        deinit {
            storage.deinitialize(count: 1)
            storage.deallocate()
        }
    }

    @usableFromInline
    var box: Box

    public init(_ value: Value) {
        box = Box(value)
    }

    /// The value, read in place and copied out of a shared box only when changed. Inlinable:
    /// a caller in another module that calls the accessor copies the whole value it yields.
    @inlinable
    public var value: Value {
        _read { yield box.storage.pointee }
        set {
            if isKnownUniquelyReferenced(&box) {
                box.storage.pointee = newValue
            } else {
                box = Box(newValue)
            }
        }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.storage.pointee) }
            yield &box.storage.pointee
        }
    }
}

extension CopyOnWrite: Equatable where Value: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.box === rhs.box || lhs.value == rhs.value
    }
}

extension CopyOnWrite: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        value.hash(into: &hasher)
    }
}

extension CopyOnWrite: Decodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        self.init(try Value(from: decoder))
    }
}

extension CopyOnWrite: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}

// Synthesized coding reads and writes a boxed field with `decode` and `encode`: for an
// optional one these make it optional in JSON too, as `decodeIfPresent` and `encodeIfPresent`
// do for a plain optional field.

extension KeyedDecodingContainer {
    public func decode<Wrapped: Decodable & Sendable>(_ type: CopyOnWrite<Wrapped?>.Type, forKey key: Key) throws
        -> CopyOnWrite<Wrapped?>
    {
        CopyOnWrite(try decodeIfPresent(Wrapped.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    public mutating func encode<Wrapped: Encodable & Sendable>(_ value: CopyOnWrite<Wrapped?>, forKey key: Key) throws {
        try encodeIfPresent(value.value, forKey: key)
    }
}
