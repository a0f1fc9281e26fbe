import FermiAPI
import Foundation

/// Amounts of named resources in thousandths of their base unit (millicores, millibytes,
/// thousandths of a GPU): exact integer arithmetic for fit checks and quota sums, which run
/// for every pod against every node.
public struct ResourceAmounts: Hashable, Sendable {
    public private(set) var milli: [String: Int64]

    public init(milli: [String: Int64] = [:]) {
        self.milli = milli.filter { $0.value != 0 }
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

    public subscript(_ resource: String) -> Int64 {
        milli[resource] ?? 0
    }

    public var isZero: Bool { milli.isEmpty }

    public static func + (left: ResourceAmounts, right: ResourceAmounts) -> ResourceAmounts {
        var sum = left
        sum += right
        return sum
    }

    public static func += (left: inout ResourceAmounts, right: ResourceAmounts) {
        for (name, amount) in right.milli {
            let total = left[name] + amount
            left.milli[name] = total == 0 ? nil : total
        }
    }

    public static func - (left: ResourceAmounts, right: ResourceAmounts) -> ResourceAmounts {
        var difference = left
        difference -= right
        return difference
    }

    public static func -= (left: inout ResourceAmounts, right: ResourceAmounts) {
        for (name, amount) in right.milli {
            let total = left[name] - amount
            left.milli[name] = total == 0 ? nil : total
        }
    }

    /// `self` times `count` (a gang's pods of one shape).
    public func times(_ count: Int) -> ResourceAmounts {
        ResourceAmounts(milli: milli.mapValues { $0 * Int64(count) })
    }

    /// The resources `self` asks for more of than `available` has, in name order.
    public func shortfall(in available: ResourceAmounts) -> [String] {
        milli.keys.filter { self[$0] > 0 && self[$0] > available[$0] }.sorted()
    }

    /// Whether every amount fits within `available`.
    public func fits(in available: ResourceAmounts) -> Bool {
        milli.allSatisfy { $0.value <= 0 || $0.value <= available[$0.key] }
    }

    /// Only the resources `names` lists (a quota covers some resources, not all).
    public func restricted(to names: some Sequence<String>) -> ResourceAmounts {
        var kept: [String: Int64] = [:]
        for name in names { kept[name] = milli[name] }
        return ResourceAmounts(milli: kept)
    }

    /// The amount of `resource` as a person reads it: cores, binary bytes, whole devices.
    public func formatted(_ resource: String) -> String {
        ResourceAmounts.format(self[resource], of: resource)
    }

    /// As a resource list, for status fields.
    public var resourceList: ResourceList {
        var list: ResourceList = [:]
        for (name, amount) in milli { list[name] = ResourceAmounts.quantity(amount, of: name) }
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
