import FermiAPI
import FermiStore

/// Why an API call failed, worded as the Kubernetes API server words it.
public enum APIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `pytorchjobs.kubeflow.org "bert" not found`
    case notFound(resource: String, name: String)
    /// `queues.scheduling.volcano.sh "research" already exists`
    case alreadyExists(resource: String, name: String)
    /// Someone else changed the object since it was read.
    case conflict(resource: String, name: String)
    /// `PyTorchJob.kubeflow.org "bert" is invalid: [spec...: ...]`
    case invalid(kind: String, name: String, errors: [FieldError])
    /// `namespaces "research" not found`
    case namespaceNotFound(String)
    /// A resource version that has been compacted: relist.
    case gone(String)
    /// The store failed; the call may be retried.
    case unavailable(String)
    /// A delete's precondition did not hold: `Precondition failed: UID in precondition: ...`.
    case preconditionFailed(String)
    /// A request the server could not read (a malformed selector, a body of the wrong shape).
    case badRequest(String)
    /// The API server did not know who sent a request: no token, or one it does not hold.
    case unauthorized
    /// The API server knew who sent a request and refused it, in its words:
    /// `pytorchjobs.kubeflow.org is forbidden: User "alice" cannot create resource ...`.
    case forbidden(String)

    public var description: String {
        switch self {
        case .notFound(let resource, let name):
            "\(resource) \"\(name)\" not found"
        case .alreadyExists(let resource, let name):
            "\(resource) \"\(name)\" already exists"
        case .conflict(let resource, let name):
            "Operation cannot be fulfilled on \(resource) \"\(name)\": the object has been modified; please apply your changes to the latest version and try again"
        case .invalid(let kind, let name, let errors):
            "\(kind) \"\(name)\" is invalid: "
                + (errors.count == 1
                    ? errors[0].description
                    : "[" + errors.map(\.description).joined(separator: ", ") + "]")
        case .namespaceNotFound(let namespace):
            "namespaces \"\(namespace)\" not found"
        case .gone(let detail):
            "too old resource version: \(detail)"
        case .unavailable(let detail):
            detail
        case .preconditionFailed(let detail):
            "Precondition failed: \(detail)"
        case .badRequest(let message), .forbidden(let message):
            message
        case .unauthorized:
            "You must be logged in to the server (Unauthorized)"
        }
    }

    /// The store's error, said in the API's words for `resource` and `name`.
    static func from(_ error: any Error, resource: APIResource, name: String) -> any Error {
        guard let storeError = error as? StoreError else { return error }
        switch storeError {
        case .notFound: return APIError.notFound(resource: resource.qualifiedName, name: name)
        case .alreadyExists: return APIError.alreadyExists(resource: resource.qualifiedName, name: name)
        case .conflict: return APIError.conflict(resource: resource.qualifiedName, name: name)
        case .gone(let revision): return APIError.gone("\(revision)")
        default: return APIError.unavailable(storeError.description)
        }
    }
}

extension APIResource {
    /// `Kind.group` as the API server names a kind in errors (`PyTorchJob.kubeflow.org`).
    var kindQualifiedName: String {
        group.isEmpty ? kind : "\(kind).\(group)"
    }
}
