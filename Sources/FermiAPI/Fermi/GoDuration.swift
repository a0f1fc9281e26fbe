/// A length of time written as Go's `time.ParseDuration` reads it (`90s`, `1m`, `1h30m`,
/// `1.5h`, `250ms`), as Kubernetes' `metav1.Duration` and Flux's `interval` are written.
///
/// Fermi's own kinds use it for intervals, timeouts and latencies, so that a manifest says
/// `interval: 1m` and a controller reads a `Duration`.
public struct GoDuration: Hashable, Sendable, CustomStringConvertible {
    /// The duration as written.
    public let text: String
    /// The length of time it stands for.
    public let duration: Duration

    /// The units Go accepts, in nanoseconds.
    private static let units: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]

    /// Parses a Go duration; nil when the text is not one.
    public init?(_ text: String) {
        guard let nanoseconds = Self.parse(text) else { return nil }
        self.text = text
        duration = .nanoseconds(Int64(nanoseconds.rounded()))
    }

    public var description: String { text }

    /// Whether the duration is longer than zero.
    public var isPositive: Bool { duration > .zero }

    /// Go's grammar: an optional sign, then one or more decimal numbers each with a unit;
    /// a bare "0" is also a duration.
    private static func parse(_ text: String) -> Double? {
        var rest = Substring(text)
        var sign = 1.0
        if let first = rest.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1,
                let value = Double(number.hasPrefix(".") ? "0" + number : String(number))
            else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let scale = units[String(unit)] else { return nil }
            rest = rest.dropFirst(unit.count)
            total += value * scale
        }
        return sign * total
    }
}
