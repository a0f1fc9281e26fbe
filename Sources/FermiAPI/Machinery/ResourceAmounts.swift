import Foundation

/// Amounts of named resources in thousandths of their base unit (millicores, millibytes,
/// thousandths of a GPU): exact integer arithmetic for fit checks and quota sums, which run
/// for every pod against every node. Kept as a short list sorted by name, not a dictionary:
/// a pod names a handful of resources, and comparing short names is cheaper than hashing them.
public struct ResourceAmounts: Hashable, Sendable {
    /// One resource's amount.
    struct Entry: Hashable, Sendable {
        var name: String
        var amount: Int64
    }

    /// Non-zero amounts, in name order.
    private var entries: [Entry]

    public init(milli: [String: Int64] = [:]) {
        entries = milli.filter { $0.value != 0 }.map { Entry(name: $0.key, amount: $0.value) }.sorted { $0.name < $1.name }
    }

    private init(entries: [Entry]) {
        self.entries = entries
    }

    /// The amounts of a resource list (a node's allocatable, a queue's capability).
    public init(_ list: ResourceList?) {
        self.init(milli: (list ?? [:]).mapValues(\.milliValue))
    }

    /// Exact decimal amounts in base units, rounded up to a thousandth.
    public init(_ amounts: [String: Decimal]) {
        self.init(milli: amounts.mapValues { Quantity.roundedUpMilli($0) })
    }

    public static let zero = ResourceAmounts()

    /// The amounts by resource name.
    public var milli: [String: Int64] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.amount) })
    }

    /// The resources named, in name order.
    public var names: [String] { entries.map(\.name) }

    /// Whether `resource` has an amount (zero amounts are not kept).
    public func contains(_ resource: String) -> Bool {
        entries.contains { $0.name == resource }
    }

    public subscript(_ resource: String) -> Int64 {
        for entry in entries where entry.name == resource { return entry.amount }
        return 0
    }

    public var isZero: Bool { entries.isEmpty }

    public static func + (left: ResourceAmounts, right: ResourceAmounts) -> ResourceAmounts {
        left.merged(with: right, sign: 1)
    }

    public static func += (left: inout ResourceAmounts, right: ResourceAmounts) {
        left = left.merged(with: right, sign: 1)
    }

    public static func - (left: ResourceAmounts, right: ResourceAmounts) -> ResourceAmounts {
        left.merged(with: right, sign: -1)
    }

    public static func -= (left: inout ResourceAmounts, right: ResourceAmounts) {
        left = left.merged(with: right, sign: -1)
    }

    /// `self` plus `sign` times `other`, walking both sorted lists once.
    private func merged(with other: ResourceAmounts, sign: Int64) -> ResourceAmounts {
        if other.entries.isEmpty { return self }
        var result: [Entry] = []
        result.reserveCapacity(entries.count + other.entries.count)
        var left = 0
        var right = 0
        while left < entries.count || right < other.entries.count {
            if right == other.entries.count || (left < entries.count && entries[left].name < other.entries[right].name) {
                result.append(entries[left])
                left += 1
            } else if left == entries.count || other.entries[right].name < entries[left].name {
                result.append(Entry(name: other.entries[right].name, amount: sign * other.entries[right].amount))
                right += 1
            } else {
                let amount = entries[left].amount + sign * other.entries[right].amount
                if amount != 0 { result.append(Entry(name: entries[left].name, amount: amount)) }
                left += 1
                right += 1
            }
        }
        return ResourceAmounts(entries: result)
    }

    /// `self` times `count` (a gang's pods of one shape).
    public func times(_ count: Int) -> ResourceAmounts {
        guard count != 0 else { return .zero }
        return ResourceAmounts(entries: entries.map { Entry(name: $0.name, amount: $0.amount * Int64(count)) })
    }

    /// The resources `self` asks for more of than `available` has, in name order.
    public func shortfall(in available: ResourceAmounts) -> [String] {
        entries.filter { $0.amount > 0 && $0.amount > available[$0.name] }.map(\.name)
    }

    /// Whether every amount fits within `available`.
    public func fits(in available: ResourceAmounts) -> Bool {
        var other = 0
        for entry in entries where entry.amount > 0 {
            while other < available.entries.count && available.entries[other].name < entry.name { other += 1 }
            let have = other < available.entries.count && available.entries[other].name == entry.name ? available.entries[other].amount : 0
            if entry.amount > have { return false }
        }
        return true
    }

    /// Only the resources `names` lists (a quota covers some resources, not all).
    public func restricted(to names: some Sequence<String>) -> ResourceAmounts {
        let kept = Set(names)
        return ResourceAmounts(entries: entries.filter { kept.contains($0.name) })
    }

    /// The amount of `resource` as a person reads it: cores, binary bytes, whole devices.
    public func formatted(_ resource: String) -> String {
        ResourceAmounts.format(self[resource], of: resource)
    }

    /// As a resource list, for status fields.
    public var resourceList: ResourceList {
        var list: ResourceList = [:]
        for entry in entries { list[entry.name] = ResourceAmounts.quantity(entry.amount, of: entry.name) }
        return list
    }

    /// `milli` thousandths of `resource` as a quantity.
    public static func quantity(_ milli: Int64, of resource: String) -> Quantity {
        // What `format` writes always parses.
        Quantity(stringLiteral: format(milli, of: resource))
    }

    public static func format(_ milli: Int64, of resource: String) -> String {
        if milli % 1000 != 0 { return "\(milli)m" }
        let whole = milli / 1000
        guard resource == "memory" || resource.hasSuffix("storage") else { return "\(whole)" }
        for (suffix, size) in [("Ti", Int64(1) << 40), ("Gi", Int64(1) << 30), ("Mi", Int64(1) << 20), ("Ki", Int64(1) << 10)]
        where whole >= size && whole % size == 0 {
            return "\(whole / size)\(suffix)"
        }
        return "\(whole)"
    }
}
