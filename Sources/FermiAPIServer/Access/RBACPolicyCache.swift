import FermiAPI

/// The RBAC objects of a store, kept current by listing and then watching the four kinds, so
/// that authorizing a request reads memory, not the store. A watch that falls behind a
/// compaction lists again.
public actor RBACPolicyCache {
    private let server: APIServer
    private var policy = RBACPolicy()
    private var listed: Set<String> = []
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(server: APIServer) {
        self.server = server
    }

    /// The policy, once every kind has been listed.
    public func current() async -> RBACPolicy {
        if listed.count < 4 { await withCheckedContinuation { waiting.append($0) } }
        return policy
    }

    /// Lists and watches until cancelled.
    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.follow(Role.self, set: { $0.set($1) }, remove: { $0.remove($1) }) }
            group.addTask { try await self.follow(ClusterRole.self, set: { $0.set($1) }, remove: { $0.remove($1) }) }
            group.addTask { try await self.follow(RoleBinding.self, set: { $0.set($1) }, remove: { $0.remove($1) }) }
            group.addTask { try await self.follow(ClusterRoleBinding.self, set: { $0.set($1) }, remove: { $0.remove($1) }) }
            try await group.waitForAll()
        }
    }

    private func follow<T: APIObject>(
        _ type: T.Type, set: @escaping @Sendable (inout RBACPolicy, T) -> Void,
        remove: @escaping @Sendable (inout RBACPolicy, T) -> Void
    ) async throws {
        while !Task.isCancelled {
            let list = try await server.list(T.self, namespace: nil)
            replaceAll(T.self, with: list.items, set: set, remove: remove)
            do {
                for try await event in try await server.watch(T.self, after: list.resourceVersion) {
                    apply(event, set: set, remove: remove)
                }
            } catch APIError.gone {
                continue
            }
        }
    }

    private var known: [String: [any APIObject]] = [:]

    private func replaceAll<T: APIObject>(
        _ type: T.Type, with items: [T], set: (inout RBACPolicy, T) -> Void, remove: (inout RBACPolicy, T) -> Void
    ) {
        for old in known[T.resource.kind] as? [T] ?? [] { remove(&policy, old) }
        for item in items { set(&policy, item) }
        known[T.resource.kind] = items
        if listed.insert(T.resource.kind).inserted, listed.count == 4 {
            for continuation in waiting { continuation.resume() }
            waiting = []
        }
    }

    private func apply<T: APIObject>(_ event: ObjectEvent<T>, set: (inout RBACPolicy, T) -> Void, remove: (inout RBACPolicy, T) -> Void) {
        var items = known[T.resource.kind] as? [T] ?? []
        items.removeAll { $0.namespace == event.object.namespace && $0.name == event.object.name }
        if event.kind == .deleted {
            remove(&policy, event.object)
        } else {
            set(&policy, event.object)
            items.append(event.object)
        }
        known[T.resource.kind] = items
    }
}
