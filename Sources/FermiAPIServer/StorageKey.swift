import FermiAPI

/// Where objects live in the store: `/registry/<group>/<plural>/<namespace>/<name>`, with
/// `core` for the core group and no namespace segment for cluster-scoped kinds.
public enum StorageKey {
    /// The prefix of every object of a kind, or of a kind in one namespace.
    public static func prefix(of resource: APIResource, namespace: String? = nil) -> String {
        let group = resource.group.isEmpty ? "core" : resource.group
        var prefix = "/registry/\(group)/\(resource.plural)/"
        if resource.namespaced, let namespace, !namespace.isEmpty {
            prefix += "\(namespace)/"
        }
        return prefix
    }

    /// The key of one object.
    public static func key(of resource: APIResource, namespace: String, name: String) -> String {
        prefix(of: resource, namespace: resource.namespaced ? namespace : nil) + name
    }
}
