import FermiAPI

/// The discovery documents kubectl reads to learn what the server serves: `/api`, `/apis`, and
/// each group version's resources with their kinds, verbs, short names and categories.
enum Discovery {
    static let verbs: [JSONValue] = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"].map { .string($0) }

    /// `/api`: the core group's versions.
    static func coreVersions() -> JSONValue {
        .object([
            "kind": .string("APIVersions"), "versions": .array([.string("v1")]),
            "serverAddressByClientCIDRs": .array([.object(["clientCIDR": .string("0.0.0.0/0"), "serverAddress": .string("127.0.0.1")])]),
        ])
    }

    /// `/apis`: every named group and its versions.
    static func groups(_ registry: KindRegistry) -> JSONValue {
        var versions: [String: [String]] = [:]
        var order: [String] = []
        for type in registry.kinds where !type.resource.group.isEmpty {
            let group = type.resource.group
            if versions[group] == nil { order.append(group) }
            if !(versions[group] ?? []).contains(type.resource.version) { versions[group, default: []].append(type.resource.version) }
        }
        let groups = order.map { group -> JSONValue in
            let list = (versions[group] ?? []).map { version -> JSONValue in
                .object(["groupVersion": .string("\(group)/\(version)"), "version": .string(version)])
            }
            return .object(["name": .string(group), "versions": .array(list), "preferredVersion": list.first ?? .null])
        }
        return .object(["kind": .string("APIGroupList"), "apiVersion": .string("v1"), "groups": .array(groups)])
    }

    /// `/api/v1` or `/apis/GROUP/VERSION`: the resources of one group version.
    static func resources(_ registry: KindRegistry, group: String, version: String) -> JSONValue? {
        let types = registry.kinds.filter { $0.resource.group == group && $0.resource.version == version }
        guard !types.isEmpty else { return nil }
        var resources: [JSONValue] = []
        for type in types {
            let resource = type.resource
            var entry: [String: JSONValue] = [
                "name": .string(resource.plural), "singularName": .string(resource.singular), "namespaced": .bool(resource.namespaced),
                "kind": .string(resource.kind), "verbs": .array(verbs), "shortNames": .array(resource.shortNames.map { .string($0) }),
            ]
            if !resource.categories.isEmpty { entry["categories"] = .array(resource.categories.map { .string($0) }) }
            resources.append(.object(entry))
            if resource.hasStatus {
                resources.append(
                    .object([
                        "name": .string("\(resource.plural)/status"), "singularName": .string(""), "namespaced": .bool(resource.namespaced),
                        "kind": .string(resource.kind), "verbs": .array([.string("get"), .string("patch"), .string("update")]),
                    ]))
            }
        }
        return .object([
            "kind": .string("APIResourceList"), "apiVersion": .string("v1"),
            "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"), "resources": .array(resources),
        ])
    }
}
