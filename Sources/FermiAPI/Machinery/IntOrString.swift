/// A value that is either an integer or a string, as Kubernetes' `intstr.IntOrString`
/// (a port number or a port name, a count or a percentage).
public enum IntOrString: Codable, Hashable, Sendable, CustomStringConvertible {
    case int(Int32)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = (container as? any JSONValueContainer)?.jsonValue, case .string(let text) = value {
            self = .string(text)
        } else if let number = try? container.decode(Int32.self) {
            self = .int(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        }
    }

    public var description: String {
        switch self {
        case .int(let number): String(number)
        case .string(let text): text
        }
    }
}
