/// What a request asks to do, as an authorizer sees it: a verb on a resource (with its API
/// group, subresource, namespace and name), or a verb on a path outside the resource API.
public struct RequestAttributes: Hashable, Sendable {
    /// get, list, watch, create, update, patch, delete, deletecollection.
    public var verb: String
    /// The resource asked for; nil for a non-resource path.
    public var resource: ResourceAttributes?
    /// The path, for a non-resource request (`/healthz`, `/apis`).
    public var path: String

    /// The resource part of a request.
    public struct ResourceAttributes: Hashable, Sendable {
        public var group: String
        /// The plural name (`pytorchjobs`).
        public var resource: String
        /// `status`, or empty.
        public var subresource: String
        /// The namespace; empty for cluster-scoped kinds and requests across every namespace.
        public var namespace: String
        /// The object's name; empty for lists, watches of many and creates.
        public var name: String

        public init(group: String, resource: String, subresource: String = "", namespace: String = "", name: String = "") {
            self.group = group
            self.resource = resource
            self.subresource = subresource
            self.namespace = namespace
            self.name = name
        }

        /// `resource/subresource`, as rules name it.
        var combined: String { subresource.isEmpty ? resource : "\(resource)/\(subresource)" }
    }

    public init(verb: String, resource: ResourceAttributes) {
        self.verb = verb
        self.resource = resource
        self.path = ""
    }

    public init(verb: String, path: String) {
        self.verb = verb
        self.resource = nil
        self.path = path
    }

    /// The verb of an HTTP method on a resource path, as the Kubernetes API server names it.
    public static func verb(method: String, hasName: Bool, watch: Bool) -> String {
        switch method {
        case "GET", "HEAD": watch ? "watch" : hasName ? "get" : "list"
        case "POST": "create"
        case "PUT": "update"
        case "PATCH": "patch"
        case "DELETE": hasName ? "delete" : "deletecollection"
        default: method.lowercased()
        }
    }

    /// The verb of an HTTP method on a non-resource path: its lower-cased name.
    public static func verb(nonResourceMethod method: String) -> String {
        method == "HEAD" ? "get" : method.lowercased()
    }

    /// Why the request is refused, worded as the Kubernetes API server words it:
    /// `User "alice" cannot create resource "pytorchjobs" in API group "kubeflow.org" in the namespace "team-b"`.
    public func forbiddenMessage(for user: UserInfo) -> String {
        guard let resource else { return "User \"\(user.name)\" cannot \(verb) path \"\(path)\"" }
        let scope = resource.namespace.isEmpty ? "at the cluster scope" : "in the namespace \"\(resource.namespace)\""
        let what = resource.subresource.isEmpty ? "resource \"\(resource.resource)\"" : "resource \"\(resource.resource)/\(resource.subresource)\""
        return "User \"\(user.name)\" cannot \(verb) \(what) in API group \"\(resource.group)\" \(scope)"
    }
}
