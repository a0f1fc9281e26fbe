import FermiAPI
import Foundation

/// A field error as a `Status` cause, both ways: the server sends
/// `{"reason":"FieldValueInvalid","field":"spec.weight","message":"Invalid value: -1: ..."}` as
/// kube-apiserver does (the reason names the kind of error, the message is the error without
/// its field), and a client reads it back into the same `FieldError`, so it prints the same.
enum FieldCause {
    static func cause(of error: FieldError) -> JSONValue {
        .object([
            "reason": .string(reason(of: error.kind)),
            // kubectl prints the field itself before the cause's message.
            "message": .string(String(error.description.dropFirst(error.field.description.count + 2))),
            "field": .string(error.field.description),
        ])
    }

    /// The field error a cause describes. The message is split back into value and detail
    /// only where the split is certain; otherwise the value keeps the rest of the message, so
    /// the error reads exactly as the server wrote it.
    static func fieldError(from cause: JSONValue) -> FieldError {
        let field = FieldPath(parsing: cause["field"]?.stringValue ?? "")
        let message = cause["message"]?.stringValue ?? ""
        func after(_ prefix: String) -> String? {
            message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : nil
        }
        switch cause["reason"]?.stringValue {
        case "FieldValueRequired" where message == "Required value":
            return FieldError(.required, field)
        case "FieldValueRequired":
            if let detail = after("Required value: ") { return FieldError(.required, field, detail) }
        case "FieldValueForbidden" where message == "Forbidden":
            return FieldError(.forbidden, field)
        case "FieldValueForbidden":
            if let detail = after("Forbidden: ") { return FieldError(.forbidden, field, detail) }
        case "FieldValueDuplicate":
            if let value = after("Duplicate value: ") { return FieldError(.duplicate(value: value), field) }
        case "FieldValueTooLong":
            if let maximum = after("Too long: may not be more than ").flatMap({ Int($0.dropLast(" bytes".count)) }) {
                return FieldError(.tooLong(maximum: maximum), field)
            }
        case "FieldValueTooMany":
            let numbers = after("Too many: ")?.split(separator: ":").compactMap { Int($0.filter(\.isNumber)) } ?? []
            if numbers.count == 2 { return FieldError(.tooMany(count: numbers[0], maximum: numbers[1]), field) }
        case "FieldValueNotSupported":
            if let rest = after("Unsupported value: "), let split = rest.range(of: ": supported values: ", options: .backwards) {
                let supported = rest[split.upperBound...].split(separator: ", ").map { String($0.dropFirst().dropLast()) }
                return FieldError(.notSupported(value: String(rest[..<split.lowerBound]), supported: supported), field)
            }
        default:
            break
        }
        return FieldError(.invalid(value: after("Invalid value: ") ?? message), field)
    }

    private static func reason(of kind: FieldError.Kind) -> String {
        switch kind {
        case .required: "FieldValueRequired"
        case .invalid: "FieldValueInvalid"
        case .notSupported: "FieldValueNotSupported"
        case .forbidden: "FieldValueForbidden"
        case .duplicate: "FieldValueDuplicate"
        case .tooLong: "FieldValueTooLong"
        case .tooMany: "FieldValueTooMany"
        }
    }
}
