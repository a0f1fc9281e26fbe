import FermiAPI

extension APIServer {
    /// Binds a pod to a node, as the `pods/binding` subresource does: only a pod that is not
    /// yet bound, and only if it is still at `pod`'s resourceVersion (a conflict otherwise).
    public func bind(_ pod: Pod, to nodeName: String) async throws -> Pod {
        guard pod.spec.nodeName == nil else {
            throw APIError.conflict(resource: Pod.resource.qualifiedName, name: pod.name)
        }
        var bound = pod
        bound.spec.nodeName = nodeName
        return try await update(bound)
    }
}
