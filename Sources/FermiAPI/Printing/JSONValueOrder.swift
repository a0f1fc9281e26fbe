/// How `--sort-by` and JSONPath filters order values: numbers by value, strings by their
/// characters (quantities such as `16Gi` by amount), booleans false first, and missing or null
/// values before everything else.
public enum JSONValueOrder {
    /// Negative, zero or positive as `lhs` sorts before, with, or after `rhs`.
    public static func compare(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Int {
        switch (lhs, rhs) {
        case (nil, nil), (.null?, .null?), (nil, .null?), (.null?, nil): return 0
        case (nil, _), (.null?, _): return -1
        case (_, nil), (_, .null?): return 1
        case (let left?, let right?):
            if let a = number(left), let b = number(right) { return a < b ? -1 : a > b ? 1 : 0 }
            if case .string(let a) = left, case .string(let b) = right {
                if let x = Quantity(a), let y = Quantity(b) { return x < y ? -1 : y < x ? 1 : 0 }
                return a < b ? -1 : a > b ? 1 : 0
            }
            if case .bool(let a) = left, case .bool(let b) = right { return a == b ? 0 : a ? 1 : -1 }
            let a = JSONPath.text(left)
            let b = JSONPath.text(right)
            return a < b ? -1 : a > b ? 1 : 0
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let integer): Double(integer)
        case .number(let number): number
        default: nil
        }
    }
}
