/// What an HTTP request asks for, read from its method and path the way kube-apiserver's
/// RequestInfoFactory reads them: `/api/v1/...` and `/apis/GROUP/VERSION/...` are resource
/// requests (a namespace after `namespaces/`, then resource, name and subresource); every
/// other path is a non-resource request.
enum RequestInfo {
    static func attributes(method: String, parts: [String], query: [String: String]) -> RequestAttributes {
        let group: String
        var rest: [String]
        if parts.count >= 3, parts[0] == "api" {
            (group, rest) = ("", Array(parts.dropFirst(2)))
        } else if parts.count >= 4, parts[0] == "apis" {
            (group, rest) = (parts[1], Array(parts.dropFirst(3)))
        } else {
            return RequestAttributes(verb: RequestAttributes.verb(nonResourceMethod: method), path: "/" + parts.joined(separator: "/"))
        }
        var namespace = ""
        if rest[0] == "namespaces", rest.count > 1 {
            namespace = rest[1]
            // `namespaces/NAME/status` is the namespace's own subresource.
            if rest.count > 2, rest[2] != "status", rest[2] != "finalize" { rest = Array(rest.dropFirst(2)) }
        }
        let name = rest.count > 1 ? rest[1] : ""
        let watch = ["true", "1"].contains(query["watch"] ?? "")
        let resource = RequestAttributes.ResourceAttributes(
            group: group, resource: rest[0], subresource: rest.count > 2 ? rest[2] : "", namespace: namespace, name: name)
        return RequestAttributes(verb: RequestAttributes.verb(method: method, hasName: !name.isEmpty, watch: watch), resource: resource)
    }
}
