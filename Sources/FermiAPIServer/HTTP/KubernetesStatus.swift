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
        case .notFound: return (404, status(code: 404, reason: "NotFound", message: error.description))
        case .namespaceNotFound: return (404, status(code: 404, reason: "NotFound", message: error.description))
        case .alreadyExists: return (409, status(code: 409, reason: "AlreadyExists", message: error.description))
        case .conflict: return (409, status(code: 409, reason: "Conflict", message: error.description))
        case .gone: return (410, status(code: 410, reason: "Expired", message: error.description))
        case .unavailable: return (503, status(code: 503, reason: "ServiceUnavailable", message: error.description))
        case .preconditionFailed: return (409, status(code: 409, reason: "Conflict", message: error.description))
        case .invalid(let kind, let name, let errors):
            let causes = errors.map { error -> JSONValue in
                .object([
                    "reason": .string("FieldValueInvalid"),
                    // kubectl prints the field itself before the cause's message.
                    "message": .string(String(error.description.dropFirst(error.field.description.count + 2))),
                    "field": .string(error.field.description),
                ])
            }
            var body = status(code: 422, reason: "Invalid", message: error.description)
            if case .object(var members) = body {
                members["details"] = .object(["name": .string(name), "kind": .string(kind), "causes": .array(causes)])
                body = .object(members)
            }
            return (422, body)
        }
    }

    /// 403, worded as the API server words it: `pytorchjobs.kubeflow.org "x" is forbidden: User ...`.
    static func forbidden(_ request: RequestAttributes, why: String) -> JSONValue {
        guard let resource = request.resource else {
            return status(code: 403, reason: "Forbidden", message: "forbidden: \(why)")
        }
        let qualified = resource.group.isEmpty ? resource.resource : "\(resource.resource).\(resource.group)"
        let named = resource.name.isEmpty ? qualified : "\(qualified) \"\(resource.name)\""
        var body = status(code: 403, reason: "Forbidden", message: "\(named) is forbidden: \(why)")
        if case .object(var members) = body {
            members["details"] = .object([
                "name": .string(resource.name), "group": .string(resource.group), "kind": .string(resource.resource),
            ])
            body = .object(members)
        }
        return body
    }

    /// 409 for an apply that conflicts, each conflicting field a cause, as kubectl reads it.
    static func applyConflict(_ error: ApplyConflictError) -> JSONValue {
        var body = status(code: 409, reason: "Conflict", message: error.description)
        let causes = error.conflicts.map { conflict -> JSONValue in
            .object([
                "reason": .string("FieldManagerConflict"), "field": .string(FieldSet.describe(conflict.path)),
                "message": .string("conflict with \"\(conflict.manager)\"" + (conflict.apiVersion.map { " using \($0)" } ?? "")),
            ])
        }
        if case .object(var members) = body {
            members["details"] = .object(["causes": .array(causes)])
            body = .object(members)
        }
        return body
    }

    static func status(code: Int, reason: String, message: String) -> JSONValue {
        .object([
            "kind": .string("Status"), "apiVersion": .string("v1"), "metadata": .object([:]), "status": .string("Failure"),
            "message": .string(message), "reason": .string(reason), "code": .integer(Int64(code)),
        ])
    }
}
