import FermiAPI
import Foundation

/// A request's object, decoded as `fermi apply` decodes a manifest (so a missing struct reads
/// as empty and a wrong type names its field), and checked against the path's kind; unknown
/// fields are handled as the request's `fieldValidation` says: `Strict` refuses them, `Warn`
/// (the default) answers with warnings, `Ignore` drops them.
struct RequestBody {
    /// `fieldValidation`'s three settings, as kube-apiserver has them.
    enum FieldValidation: String {
        case strict = "Strict", warn = "Warn", ignore = "Ignore"
    }

    /// What went wrong with a body, answered 400 (BadRequest) or 422 (Invalid).
    struct Rejection: Error {
        var code: Int
        var status: JSONValue
    }

    /// `value` as a `T`, with the warnings to send back.
    static func decode<T: APIObject>(
        _ type: T.Type, from value: JSONValue, registry: KindRegistry, fieldValidation: String?
    ) throws -> (object: T, warnings: [String]) {
        guard case .object(var members) = value else { throw badRequest("the request body must be a JSON or YAML object") }
        if members["apiVersion"] == nil { members["apiVersion"] = .string(T.resource.apiVersion) }
        if members["kind"] == nil { members["kind"] = .string(T.resource.kind) }
        let apiVersion = members["apiVersion"]?.stringValue ?? "", kind = members["kind"]?.stringValue ?? ""
        guard apiVersion == T.resource.apiVersion, kind == T.resource.kind else {
            throw badRequest("the object's \(apiVersion)/\(kind) does not match the path's \(T.resource.apiVersion)/\(T.resource.kind)")
        }
        let decoded: DecodedManifest
        do {
            decoded = try ManifestDecoder(registry: registry).decode(ManifestDocument(source: "", index: 0, line: 1, value: .object(members)))
        } catch {
            throw rejection(of: error, kind: T.resource.kind, name: members["metadata"]?["name"]?.stringValue ?? "")
        }
        guard let object = decoded.object as? T else { throw badRequest("the object is not a \(T.resource.kind)") }
        let unknown = decoded.unknownFields.map { "unknown field \"\($0)\"" }
        switch FieldValidation(rawValue: fieldValidation ?? "") ?? .warn {
        case .strict where !unknown.isEmpty: throw badRequest("strict decoding error: " + unknown.joined(separator: ", "))
        case .warn: return (object, unknown)
        default: return (object, [])
        }
    }

    /// A manifest error as the API answers it: a field rule broken is 422 with its cause; a
    /// body that is not an object of the right shape is 400.
    private static func rejection(of error: ManifestError, kind: String, name: String) -> Rejection {
        switch error {
        case .invalid(_, let fieldError):
            let (code, status) = KubernetesStatus.of(APIError.invalid(kind: kind, name: name, errors: [fieldError]))
            return Rejection(code: code, status: status)
        case .wrongType(_, let field, let detail): return badRequest("\(field): Invalid value: \(detail)")
        case .unservedKind(_, let kind, let apiVersion): return badRequest("no matches for kind \"\(kind)\" in version \"\(apiVersion)\"")
        case .notAnObject(_, let detail), .malformedYAML(_, let detail): return badRequest(detail)
        }
    }

    static func badRequest(_ message: String) -> Rejection {
        Rejection(code: 400, status: KubernetesStatus.status(code: 400, reason: "BadRequest", message: message))
    }
}
