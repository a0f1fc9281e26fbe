import Foundation

/// Kubernetes' checks of IP addresses and CIDRs in node and service fields, with upstream's
/// messages. Parsing is as lenient as Go's `net.ParseIP` with leading zeros allowed
/// (`ParseIPSloppy`), which is what upstream validates these fields with.
public enum IPAddressRules {
    /// The family of an address.
    public enum Family: Hashable, Sendable {
        case ipv4, ipv6
    }

    static let invalidIP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
    static let invalidCIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"

    /// The address as 4 (IPv4, including IPv4-mapped IPv6) or 16 bytes; nil when it is not one.
    public static func parse(_ text: String) -> [UInt8]? {
        if text.contains(":") { return parseIPv6(text).map { unmapped($0) } }
        return parseIPv4(Substring(text))
    }

    /// The family of an address, or nil when the text is not an address.
    public static func family(of text: String) -> Family? {
        parse(text).map { $0.count == 4 ? .ipv4 : .ipv6 }
    }

    /// The family of a CIDR (`10.0.0.0/16`), or nil when the text is not one.
    public static func family(ofCIDR text: String) -> Family? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let family = family(of: String(parts[0])),
            !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII), let bits = Int(parts[1]), bits >= 0,
            bits <= (family == .ipv4 && !parts[0].contains(":") ? 32 : 128)
        else { return nil }
        return family
    }

    /// `field: Invalid value: "x": must be a valid IP address, ...` when `value` is not one.
    public static func validateIP(_ value: String, at path: FieldPath) -> [FieldError] {
        parse(value) == nil ? [.invalid(path, value, invalidIP)] : []
    }

    /// `field: Invalid value: "x": must be a valid CIDR value, ...` when `value` is not one.
    public static func validateCIDR(_ value: String, at path: FieldPath) -> [FieldError] {
        family(ofCIDR: value) == nil ? [.invalid(path, value, invalidCIDR)] : []
    }

    /// Upstream's refusal of addresses that cannot be a service's external IP.
    public static func validateNonSpecial(_ value: String, at path: FieldPath) -> [FieldError] {
        guard let bytes = parse(value) else { return [] }
        let problem: String?
        if bytes.allSatisfy({ $0 == 0 }) {
            problem = "may not be unspecified (\(value))"
        } else if bytes.count == 4 ? bytes[0] == 127 : bytes == [UInt8](repeating: 0, count: 15) + [1] {
            problem = "may not be in the loopback range (127.0.0.0/8, ::1/128)"
        } else if bytes.count == 4 ? bytes[0] == 169 && bytes[1] == 254 : bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 {
            problem = "may not be in the link-local range (169.254.0.0/16, fe80::/10)"
        } else if bytes.count == 4 ? bytes[0] == 224 && bytes[1] == 0 && bytes[2] == 0 : bytes[0] == 0xff && bytes[1] & 0x0f == 0x02 {
            problem = "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"
        } else {
            problem = nil
        }
        return problem.map { [.invalid(path, value, $0)] } ?? []
    }

    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = UInt8(part)
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func parseIPv6(_ text: String) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            guard !part.isEmpty else { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard let ipv4 = parseIPv4(piece) else { return nil }
                    bytes += ipv4
                    continue
                }
                guard !piece.isEmpty, piece.count <= 4, let value = UInt16(piece, radix: 16) else {
                    return nil
                }
                bytes += [UInt8(value >> 8), UInt8(value & 0xff)]
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    /// An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) is an IPv4 address, as in Go.
    private static func unmapped(_ bytes: [UInt8]) -> [UInt8] {
        bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff][...] ? Array(bytes.suffix(4)) : bytes
    }
}
