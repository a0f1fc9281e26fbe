import Foundation

/// The half-open byte range `[lower, upper)` of the keys under a prefix, as etcd's
/// `key`/`range_end` pair: `upper` is the prefix with its last byte incremented.
struct KeyRange: Sendable, Hashable {
    var lower: [UInt8]
    /// nil when the range has no end (the empty prefix, or a prefix of 0xFF bytes only).
    var upper: [UInt8]?

    init(prefix: String) {
        lower = Array(prefix.utf8)
        var end = lower
        while let last = end.last {
            if last < 0xFF {
                end[end.count - 1] = last + 1
                upper = end
                return
            }
            end.removeLast()
        }
        upper = nil
    }

    /// Whether `key` falls in the range, comparing bytes as etcd does.
    func contains(_ key: [UInt8]) -> Bool {
        guard !key.lexicographicallyPrecedes(lower) else { return false }
        guard let upper else { return true }
        return key.lexicographicallyPrecedes(upper)
    }

    /// The range's start as etcd takes it: etcd spells "from the first key" as a zero byte.
    var etcdKey: Data {
        lower.isEmpty ? Data([0]) : Data(lower)
    }

    /// The range's end as etcd takes it: a zero byte means "to the last key".
    var etcdRangeEnd: Data {
        Data(upper ?? [0])
    }

    func contains(_ key: String) -> Bool {
        contains(Array(key.utf8))
    }
}
