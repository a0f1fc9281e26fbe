import Foundation

/// A Kubernetes resource quantity ("500m", "2Ti", "16Gi", "1e3", "0.5"), compared exactly.
///
/// The text is kept as written, so objects read back the way they were applied; equality,
/// hashing and ordering go by the exact decimal value, so "1Gi" equals "1024Mi".
public struct Quantity: Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The quantity as written.
    public let text: String
    /// The exact value in base units (cores, bytes, devices).
    public let value: Decimal
    /// The value in thousandths, when a whole number of them that fits: read as the text is
    /// parsed, so the schedulers' arithmetic needs no Decimal.
    let exactMilli: Int64?

    /// Parses a quantity; nil when the text is not one.
    public init?(_ text: String) {
        if let (value, milli) = Self.parseWholeNumber(text) {
            self.value = value
            exactMilli = milli
        } else {
            guard let value = Self.parse(text) else { return nil }
            self.value = value
            exactMilli = nil
        }
        self.text = text
    }

    /// A quantity of whole base units.
    public init(integer: Int64) {
        text = String(integer)
        value = Decimal(integer)
        exactMilli = Self.milli(integer, exponent: 0)
    }

    /// A literal in code must be a valid quantity.
    public init(stringLiteral text: String) {
        guard let parsed = Quantity(text) else { preconditionFailure("invalid quantity \(text)") }
        self = parsed
    }

    public var description: String { text }

    /// Whether the quantity is below zero.
    public var isNegative: Bool { value < 0 }

    /// The value in thousandths of a base unit, rounded up (as Kubernetes' MilliValue).
    public var milliValue: Int64 {
        exactMilli ?? Self.roundedUpMilli(value)
    }

    /// The value in base units, rounded up (as Kubernetes' Value).
    public var integerValue: Int64 {
        Self.roundedUp(value)
    }

    /// The suffixes Kubernetes accepts and what each multiplies by, from the two tables the
    /// whole-number reader uses.
    private static let suffixes: [String: Decimal] = {
        var suffixes: [String: Decimal] = ["": 1]
        for (unit, exponent) in decimalExponents {
            suffixes[String(UnicodeScalar(unit))] = Decimal(sign: .plus, exponent: exponent, significand: 1)
        }
        for (unit, power) in binaryPowers { suffixes[String(UnicodeScalar(unit)) + "i"] = pow(Decimal(1024), power) }
        return suffixes
    }()

    /// Kubernetes' grammar: a signed decimal number, then a binary or decimal SI suffix or a
    /// decimal exponent (`e3`, `E-2`).
    private static func parse(_ text: String) -> Decimal? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var digits = ""
        if index < scalars.count, scalars[index] == "+" || scalars[index] == "-" {
            digits.unicodeScalars.append(scalars[index])
            index += 1
        }
        var sawDigit = false
        var sawPoint = false
        while index < scalars.count {
            let scalar = scalars[index]
            if ("0"..."9").contains(scalar) {
                sawDigit = true
            } else if scalar == ".", !sawPoint {
                sawPoint = true
            } else {
                break
            }
            digits.unicodeScalars.append(scalar)
            index += 1
        }
        guard sawDigit, let number = Decimal(string: digits, locale: posix)
        else { return nil }
        let suffix = String(String.UnicodeScalarView(scalars[index...]))
        if let multiplier = suffixes[suffix] {
            return number * multiplier
        }
        guard let first = suffix.first, first == "e" || first == "E",
            let exponent = Int(suffix.dropFirst()), abs(exponent) <= 30,
            suffix.dropFirst().allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" })
        else { return nil }
        return number * Decimal(sign: .plus, exponent: exponent, significand: 1)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Most quantities are whole numbers with at most a suffix ("8", "500m", "16Gi"): read
    /// those from their bytes, exactly as `parse` would, without building a string to hand to
    /// Foundation's decimal parser. Nil for anything else.
    private static func parseWholeNumber(_ text: String) -> (value: Decimal, milli: Int64?)? {
        var utf8 = text.utf8[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative || utf8.first == UInt8(ascii: "+") { utf8 = utf8.dropFirst() }
        var number: Int64 = 0
        var digits = 0
        while let byte = utf8.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            // 18 digits always fit in an Int64.
            guard digits < 18 else { return nil }
            number = number * 10 + Int64(byte - UInt8(ascii: "0"))
            digits += 1
            utf8 = utf8.dropFirst()
        }
        guard digits > 0 else { return nil }
        let signed = negative ? -number : number
        // Decimal multiplication is slow: scale by powers of ten in the exponent, and by
        // powers of 1024 in whole numbers while they fit.
        switch (utf8.first, utf8.dropFirst().first, utf8.count) {
        case (nil, _, _):
            return (Decimal(signed), milli(signed, exponent: 0))
        case (let unit?, nil, 1):
            guard let exponent = decimalExponents[unit] else { return nil }
            return (Decimal(sign: .plus, exponent: exponent, significand: Decimal(signed)), milli(signed, exponent: exponent))
        case (let unit?, UInt8(ascii: "i"), 2):
            guard let power = binaryPowers[unit] else { return nil }
            let (scaled, overflow) = signed.multipliedReportingOverflow(by: Int64(1) << (10 * power))
            return overflow ? (Decimal(signed) * pow(Decimal(1024), power), nil) : (Decimal(scaled), milli(scaled, exponent: 0))
        default:
            return nil
        }
    }

    /// `number` × 10^`exponent` in thousandths, when that is a whole number that fits.
    private static func milli(_ number: Int64, exponent: Int) -> Int64? {
        let shift = exponent + 3
        guard shift >= 0 else {
            // Thousandths of nano or micro units: whole only when the digits divide evenly.
            let divisor = Int64(pow(10, Double(-shift)))
            return number % divisor == 0 ? number / divisor : nil
        }
        var milli = number
        for _ in 0..<shift {
            let (next, overflow) = milli.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            milli = next
        }
        return milli
    }

    /// The decimal SI suffixes as powers of ten, by their byte.
    private static let decimalExponents: [UInt8: Int] = [
        UInt8(ascii: "n"): -9, UInt8(ascii: "u"): -6, UInt8(ascii: "m"): -3, UInt8(ascii: "k"): 3, UInt8(ascii: "M"): 6,
        UInt8(ascii: "G"): 9, UInt8(ascii: "T"): 12, UInt8(ascii: "P"): 15, UInt8(ascii: "E"): 18,
    ]
    /// The binary suffixes (`Ki` … `Ei`) as powers of 1024, by their first byte.
    private static let binaryPowers: [UInt8: Int] = [
        UInt8(ascii: "K"): 1, UInt8(ascii: "M"): 2, UInt8(ascii: "G"): 3, UInt8(ascii: "T"): 4, UInt8(ascii: "P"): 5,
        UInt8(ascii: "E"): 6,
    ]

    /// The grammar a quantity must match, as upstream words its error.
    static let grammar = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

    /// A quantity's text as a manifest writes it: a string, or a plain number; nil for any
    /// other JSON value.
    static func text(of value: JSONValue) -> String? {
        switch value {
        case .string(let string): string
        case .integer(let integer): String(integer)
        case .number(let number): String(number)
        default: nil
        }
    }

    /// An exact amount in base units as thousandths, rounded up (as `milliValue`).
    public static func roundedUpMilli(_ value: Decimal) -> Int64 {
        roundedUp(value * 1000)
    }

    private static func roundedUp(_ value: Decimal) -> Int64 {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 0, .up)
        return NSDecimalNumber(decimal: rounded).int64Value
    }
}

extension Quantity: Hashable, Comparable {
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value == rhs.value }
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value < rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

extension Quantity: Codable {
    /// Manifests write quantities as strings ("16Gi") or plain numbers (`cpu: 2`). Fermi's own
    /// `JSONValueDecoder` reads them as scalars (`text(of:)`); this serves other decoders.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else if let number = try? container.decode(Double.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
        guard let parsed = Quantity(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Quantity.grammar)
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// Amounts of named resources, e.g. `cpu: "8"`, `nvidia.com/gpu: 4`.
public typealias ResourceList = [String: Quantity]
