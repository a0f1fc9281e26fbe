import FermiAPI
import FermiAPIServer
import Foundation

/// One source's manifests applied to the store as `fermi apply` applies them, and what that
/// leaves behind: the inventory of what the source applied (each object marked with
/// `gitops.fermi.dev/source`), the pruning of what it applied before and no longer has, drift
/// between Git and the store, and the health of what it applied. Shared by the GitRepository
/// controller and `fermi sync`.
public struct GitSync: Sendable {
    /// The annotation naming the source that applied an object; only that source prunes it.
    public static let sourceAnnotation = "gitops.fermi.dev/source"

    let server: any ObjectAPI
    /// Who applies: `NAMESPACE/NAME` of a GitRepository, or `sync:URL#PATH` for `fermi sync`.
    let source: String

    public init(server: any ObjectAPI, source: String) {
        self.server = server
        self.source = source
    }

    /// The manifests of a revision, checked: objects in apply order, or why none may apply
    /// (malformed YAML, invalid objects, missing namespaces), each error with file and line.
    public struct Manifests: Sendable {
        public var objects: [any APIObject] = []
        public var errors: [String] = []
    }

    /// Reads `files`, placing namespaced objects that name no namespace in `targetNamespace`,
    /// and marks each with this source.
    public func read(_ files: [(source: String, text: String)], targetNamespace: String?) async -> Manifests {
        var manifests = Manifests()
        do {
            let plan = try await ApplyPlan.parsing(files)
            manifests.errors = plan.errors
            guard plan.errors.isEmpty else { return manifests }
            manifests.objects = plan.objectsInApplyOrder.map { object in
                var object = object
                if type(of: object).resource.namespaced, object.namespace.isEmpty {
                    object.metadata.namespace = targetNamespace ?? "default"
                }
                object.metadata.annotations = (object.metadata.annotations ?? [:]).merging([Self.sourceAnnotation: source]) { _, ours in ours }
                return object
            }
            let created = Set(manifests.objects.filter { type(of: $0).resource.kind == "Namespace" }.map(\.name))
            for namespace in Set(manifests.objects.filter { type(of: $0).resource.namespaced }.map(\.namespace)).sorted()
            where !created.contains(namespace) {
                if try await !server.namespaceExists(namespace) { manifests.errors.append("namespaces \"\(namespace)\" not found") }
            }
            if !manifests.errors.isEmpty { manifests.objects = [] }
        } catch {
            manifests.errors = ["\(error)"]
        }
        return manifests
    }

    /// `objects` split into those this source may apply and those another source applied
    /// first (with its name): an object has one owner, so two sources over overlapping paths
    /// never fight over it or prune it from under each other.
    public func claim(_ objects: [any APIObject]) async throws -> (mine: [any APIObject], others: [(entry: InventoryEntry, owner: String)]) {
        var mine: [any APIObject] = []
        var others: [(InventoryEntry, String)] = []
        for object in objects {
            let entry = Self.entry(of: object)
            let owner = try await owner(of: object, entry)
            if let owner, owner != source { others.append((entry, owner)) } else { mine.append(object) }
        }
        return (mine, others)
    }

    /// Applies `objects`; returns each with what applying did.
    public func apply(_ objects: [any APIObject], dryRun: Bool = false) async throws -> [(entry: InventoryEntry, outcome: ApplyOutcome)] {
        if dryRun {
            // A namespace made by these very objects does not exist yet: what goes in it is new.
            let creating = Set(objects.filter { type(of: $0).resource.kind == "Namespace" }.map(\.name))
            var results: [(InventoryEntry, ApplyOutcome)] = []
            for object in objects {
                if type(of: object).resource.namespaced, creating.contains(object.namespace), try await !server.namespaceExists(object.namespace) {
                    results.append((Self.entry(of: object), .created))
                    continue
                }
                results.append((Self.entry(of: object), try await server.applyAny(object, dryRun: true).outcome))
            }
            return results
        }
        return try await server.applyAll(objects).map { (Self.entry(of: $0.object), $0.outcome) }
    }

    /// Deletes what `before` holds and `now` does not, when this source applied it (an object
    /// another source or a person has since taken over is left alone); returns what went.
    public func prune(_ before: [InventoryEntry], keeping now: [InventoryEntry], dryRun: Bool = false) async throws -> [InventoryEntry] {
        let kept = Set(now)
        var pruned: [InventoryEntry] = []
        for entry in before where !kept.contains(entry) {
            guard let type = try? server.registry.type(apiVersion: entry.apiVersion ?? "", kind: entry.kind ?? "") else { continue }
            guard let live = try await object(type, entry), live.metadata.annotations?[Self.sourceAnnotation] == source else { continue }
            if !dryRun { try await delete(type, entry) }
            pruned.append(entry)
        }
        return pruned
    }

    /// Objects in the store that differ from their manifests, with the fields that differ.
    public func drift(of objects: [any APIObject]) async throws -> [DriftEntry] {
        var drifted: [DriftEntry] = []
        for object in objects {
            let type = type(of: object)
            let entry = Self.entry(of: object)
            guard let live = try await self.object(type, entry) else { continue }
            let wanted = try await server.applyAny(object, dryRun: true)
            guard wanted.outcome != .unchanged else { continue }
            let fields = JSONFieldDiff.paths(from: JSONValue.encoding(live), to: JSONValue.encoding(wanted.object))
            drifted.append(DriftEntry(apiVersion: entry.apiVersion, kind: entry.kind, namespace: entry.namespace, name: entry.name, fields: fields))
        }
        return drifted
    }

    /// The health of what `inventory` names, from each object's own state: Missing when one
    /// is gone, Degraded when one failed, Progressing while one is on its way, else Healthy.
    public func health(of inventory: [InventoryEntry]) async throws -> String {
        var worst = GitHealthStatus.healthy
        let order = [GitHealthStatus.healthy, GitHealthStatus.progressing, GitHealthStatus.degraded, GitHealthStatus.missing]
        for entry in inventory {
            guard let type = try? server.registry.type(apiVersion: entry.apiVersion ?? "", kind: entry.kind ?? "") else { continue }
            let health = try await object(type, entry).map { ObjectHealth.of(JSONValue.encoding($0)) } ?? GitHealthStatus.missing
            if order.firstIndex(of: health)! > order.firstIndex(of: worst)! { worst = health }
        }
        return worst
    }

    public static func entry(of object: any APIObject) -> InventoryEntry {
        let resource = type(of: object).resource
        return InventoryEntry(
            apiVersion: resource.apiVersion, kind: resource.kind, namespace: resource.namespaced ? object.namespace : nil, name: object.name)
    }

    /// The source that applied the stored object `object` names, if any.
    private func owner<T: APIObject>(of object: T, _ entry: InventoryEntry) async throws -> String? {
        try await self.object(T.self, entry)?.metadata.annotations?[Self.sourceAnnotation]
    }

    private func object<T: APIObject>(_ type: T.Type, _ entry: InventoryEntry) async throws -> T? {
        do { return try await server.get(T.self, namespace: entry.namespace ?? "", name: entry.name ?? "") } catch APIError.notFound {
            return nil
        }
    }

    private func delete<T: APIObject>(_ type: T.Type, _ entry: InventoryEntry) async throws {
        do { try await server.delete(T.self, namespace: entry.namespace ?? "", name: entry.name ?? "") } catch APIError.notFound {}
    }
}
