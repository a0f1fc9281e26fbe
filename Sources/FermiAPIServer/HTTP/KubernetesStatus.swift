import FermiAPI

/// An API error as the Kubernetes API answers it: a `Status` object with the HTTP code, the
/// reason (NotFound, AlreadyExists, Conflict, Invalid with field causes, Gone) and the message.
enum KubernetesStatus {
    static func of(_ error: any Error) -> (code: Int, body: JSONValue) {
        if let refused = error as? ApplyConflictError { return (409, applyConflict(refused)) }
        if let selector = error as? SelectorError { return (400, status(code: 400, reason: "BadRequest", message: selector.description)) }
        guard let error = error as? APIError else {
            return (500, status(code: 500, reason: "InternalError", message: "\(error)"))
        }
        switch error {
        case .notFound(let resource, let name):
            return (404, status(code: 404, reason: "NotFound", message: error.description, details: details(resource, name)))
        case .namespaceNotFound(let namespace):
            return (404, status(code: 404, reason: "NotFound", message: error.description, details: details("namespaces", namespace)))
        case .alreadyExists(let resource, let name):
            return (409, status(code: 409, reason: "AlreadyExists", message: error.description, details: details(resource, name)))
        case .conflict(let resource, let name):
            return (409, status(code: 409, reason: "Conflict", message: error.description, details: details(resource, name)))
        case .gone: return (410, status(code: 410, reason: "Expired", message: error.description))
        case .unavailable: return (503, status(code: 503, reason: "ServiceUnavailable", message: error.description))
        case .preconditionFailed: return (409, status(code: 409, reason: "Conflict", message: error.description))
        case .badRequest: return (400, status(code: 400, reason: "BadRequest", message: error.description))
        case .unauthorized: return (401, status(code: 401, reason: "Unauthorized", message: "Unauthorized"))
        case .forbidden: return (403, status(code: 403, reason: "Forbidden", message: error.description))
        case .invalid(let kind, let name, let errors):
            let details: JSONValue = .object(["name": .string(name), "kind": .string(kind), "causes": .array(errors.map(FieldCause.cause))])
            return (422, status(code: 422, reason: "Invalid", message: error.description, details: details))
        }
    }

    /// A Status's details as upstream gives them for one object: its name, and the resource
    /// (`pytorchjobs.kubeflow.org`) split into its plural (as `kind`) and its group.
    private static func details(_ qualifiedResource: String, _ name: String) -> JSONValue {
        let parts = qualifiedResource.split(separator: ".", maxSplits: 1).map(String.init)
        return .object([
            "name": .string(name), "kind": .string(parts.first ?? ""), "group": .string(parts.count > 1 ? parts[1] : ""),
        ])
    }

    /// 403, worded as the API server words it: `pytorchjobs.kubeflow.org "x" is forbidden: User ...`.
    static func forbidden(_ request: RequestAttributes, why: String) -> JSONValue {
        guard let resource = request.resource else {
            return status(code: 403, reason: "Forbidden", message: "forbidden: \(why)")
        }
        let qualified = resource.group.isEmpty ? resource.resource : "\(resource.resource).\(resource.group)"
        let named = resource.name.isEmpty ? qualified : "\(qualified) \"\(resource.name)\""
        return status(
            code: 403, reason: "Forbidden", message: "\(named) is forbidden: \(why)",
            details: .object(["name": .string(resource.name), "group": .string(resource.group), "kind": .string(resource.resource)]))
    }

    /// 409 for an apply that conflicts, each conflicting field a cause, as kubectl reads it.
    static func applyConflict(_ error: ApplyConflictError) -> JSONValue {
        let causes = error.conflicts.map { conflict -> JSONValue in
            .object([
                "reason": .string("FieldManagerConflict"), "field": .string(FieldSet.describe(conflict.path)),
                "message": .string("conflict with \"\(conflict.manager)\"" + (conflict.apiVersion.map { " using \($0)" } ?? "")),
            ])
        }
        return status(code: 409, reason: "Conflict", message: error.description, details: .object(["causes": .array(causes)]))
    }

    static func status(code: Int, reason: String, message: String, details: JSONValue? = nil) -> JSONValue {
        var members: [String: JSONValue] = [
            "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]), "status": .string("Failure"),
            "message": .string(message), "reason": .string(reason), "code": .integer(Int64(code)),
        ]
        if let details { members["details"] = details }
        return .object(members)
    }
}
