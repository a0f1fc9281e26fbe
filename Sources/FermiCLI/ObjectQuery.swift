import FermiAPI
import FermiAPIServer

/// Which objects of one kind a command reads: some by name, or all that match the selectors,
/// in one namespace or all of them.
struct ObjectQuery {
    var resource: APIResource
    var names: [String]
    var namespace: String?
    var allNamespaces: Bool
    var labels = LabelSelectorQuery()
    var fields = FieldSelectorQuery()

    /// The namespace to read in: nil for cluster-scoped kinds and for `-A`.
    var scope: String? {
        resource.namespaced ? (allNamespaces ? nil : (namespace ?? "default")) : nil
    }

    /// What `keep` makes of each object, and the revision a list was read at (nil when read
    /// by name).
    func run<Item: Sendable>(_ server: any ObjectAPI, each keep: @escaping @Sendable (JSONValue) throws -> Item)
        async throws -> (items: [Item], resourceVersion: String?)
    {
        if names.isEmpty {
            let listed = try await server.objects(of: resource, namespace: scope, labels: labels, fields: fields, each: keep)
            return (listed.items, listed.resourceVersion)
        }
        var items: [Item] = []
        for name in names {
            items.append(try keep(try await server.object(of: resource, namespace: scope ?? "", name: name)))
        }
        return (items, nil)
    }
}
