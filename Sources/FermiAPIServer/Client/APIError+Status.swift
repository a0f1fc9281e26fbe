import FermiAPI
import Foundation

extension APIError {
    /// What an API server's error answer means: its `Status` read back into the case the
    /// in-process API throws for the same failure, so it prints the same. `resource` and
    /// `name` are what the request was about, for a Status that does not say.
    static func from(status code: Int, body: Data, resource: APIResource, name: String) -> APIError {
        let status = try? JSONParser.parse(body)
        let message = status?["message"]?.stringValue ?? String(decoding: body, as: UTF8.self)
        let details = status?["details"]
        let named = details?["name"]?.stringValue ?? name
        // Upstream's details name the resource by its plural (as `kind`) and its group.
        let qualified = details?["kind"]?.stringValue.map { plural in
            let group = details?["group"]?.stringValue ?? ""
            return group.isEmpty ? plural : "\(plural).\(group)"
        } ?? resource.qualifiedName
        switch (code, status?["reason"]?.stringValue) {
        case (400, _):
            return .badRequest(message)
        case (401, _):
            return .unauthorized
        case (403, _):
            return .forbidden(message)
        case (404, _) where qualified == "namespaces" && resource.qualifiedName != "namespaces":
            return .namespaceNotFound(named)
        case (404, _):
            return .notFound(resource: qualified, name: named)
        case (409, "AlreadyExists"):
            return .alreadyExists(resource: qualified, name: named)
        case (409, _) where message.hasPrefix(preconditionPrefix):
            return .preconditionFailed(String(message.dropFirst(preconditionPrefix.count)))
        case (409, _):
            return .conflict(resource: qualified, name: named)
        case (410, _):
            return .gone(message.hasPrefix(gonePrefix) ? String(message.dropFirst(gonePrefix.count)) : message)
        case (422, _):
            guard case .array(let causes)? = details?["causes"], !causes.isEmpty else { return .badRequest(message) }
            return .invalid(kind: details?["kind"]?.stringValue ?? resource.kind, name: named, errors: causes.map(FieldCause.fieldError))
        default:
            return .unavailable(message.isEmpty ? "the server answered HTTP \(code)" : message)
        }
    }

    private static let preconditionPrefix = "Precondition failed: "
    private static let gonePrefix = "too old resource version: "
}
