/// Every kind Fermi serves, found by apiVersion and kind (from manifests) or by any of the
/// names people type (`pytorchjobs`, `pytorchjob`, `PyTorchJob`, `po`, `queues.scheduling.volcano.sh`).
public struct KindRegistry: Sendable {
    /// The kinds of DESIGN.md's table, group by group.
    public static let served = KindRegistry(
        CoreGroup.kinds + BatchGroup.kinds + SchedulingGroup.kinds + VolcanoGroup.kinds
            + KueueGroup.kinds + KubeflowGroup.kinds + KServeGroup.kinds + KnativeGroup.kinds + FluidGroup.kinds + RBACGroup.kinds
            + FermiGroup.kinds)

    /// The served kinds in the order given.
    public let kinds: [any APIObject.Type]
    private let byVersionAndKind: [String: any APIObject.Type]
    private let byName: [String: [any APIObject.Type]]
    private let byResourcePath: [String: any APIObject.Type]

    public init(_ kinds: [any APIObject.Type]) {
        self.kinds = kinds
        var byVersionAndKind: [String: any APIObject.Type] = [:]
        var byName: [String: [any APIObject.Type]] = [:]
        var byResourcePath: [String: any APIObject.Type] = [:]
        for type in kinds {
            let resource = type.resource
            byVersionAndKind["\(resource.apiVersion)|\(resource.kind)"] = type
            byResourcePath["\(resource.group)/\(resource.version)/\(resource.plural)"] = type
            let names =
                [resource.plural, resource.singular, resource.kind.lowercased(), resource.qualifiedName]
                + resource.shortNames + (resource.group.isEmpty ? [] : ["\(resource.singular).\(resource.group)"])
            for name in Set(names) { byName[name, default: []].append(type) }
        }
        self.byVersionAndKind = byVersionAndKind
        self.byName = byName
        self.byResourcePath = byResourcePath
    }

    /// The kind served at `plural` in `group`'s `version`, as a REST path names it.
    public func type(group: String, version: String, plural: String) -> (any APIObject.Type)? {
        byResourcePath["\(group)/\(version)/\(plural)"]
    }

    /// The type of `kind` in `apiVersion`, or the "no matches for kind" error kubectl gives.
    public func type(apiVersion: String, kind: String) throws -> any APIObject.Type {
        guard let type = byVersionAndKind["\(apiVersion)|\(kind)"] else {
            throw KindRegistryError.noMatchForKind(kind: kind, apiVersion: apiVersion)
        }
        return type
    }

    /// The kinds in `category` (`all`), in the registry's order.
    public func types(inCategory category: String) -> [any APIObject.Type] {
        kinds.filter { $0.resource.categories.contains(category) }
    }

    /// The type a person means by `name` (case-insensitive); ambiguous names prefer the core
    /// group, as kubectl does.
    public func type(named name: String) throws -> any APIObject.Type {
        let candidates = byName[name.lowercased()] ?? []
        guard let first = candidates.first(where: { $0.resource.group.isEmpty }) ?? candidates.first
        else {
            throw KindRegistryError.unknownResource(name)
        }
        return first
    }
}

/// Why a kind could not be found.
public enum KindRegistryError: Error, Hashable, Sendable, CustomStringConvertible {
    case noMatchForKind(kind: String, apiVersion: String)
    case unknownResource(String)

    public var description: String {
        switch self {
        case .noMatchForKind(let kind, let apiVersion):
            "no matches for kind \"\(kind)\" in version \"\(apiVersion)\""
        case .unknownResource(let name):
            "the server doesn't have a resource type \"\(name)\""
        }
    }
}
