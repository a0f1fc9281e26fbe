import FermiAPI
import FermiAPIServer
import FermiStore
import Foundation
import Hummingbird
import Testing

/// `RemoteAPI` speaks to the HTTP front as kubectl does, and answers as the in-process API
/// answers: the same objects, the same apply outcomes, the same errors.
@Suite("RemoteAPI")
struct RemoteAPITests {
    /// Runs `body` with an API server over a memory store, served over HTTP on a free port,
    /// and a `RemoteAPI` that speaks to it.
    /// With `access`, requests are admitted as it decides, and the remote sends `token`.
    private func withRemote(
        access: (APIServer) -> AccessControl? = { _ in nil }, token: String? = nil, _ body: (APIServer, RemoteAPI) async throws -> Void
    ) async throws {
        let server = APIServer(store: MemoryStore(), registry: .served)
        try await server.ensureDefaultNamespace()
        let port = PortWaiter()
        let application = try HTTPFront.application(server: server, host: "127.0.0.1", port: 0, access: access(server)) { bound in
            await port.set(bound)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService() }
            let remote = try RemoteAPI(connection: .init(server: "http://127.0.0.1:\(await port.value())", token: token))
            try await body(server, remote)
            group.cancelAll()
        }
    }

    private static func queue(_ name: String, weight: Int32 = 1) -> Queue {
        Queue(metadata: ObjectMeta(name: name), spec: QueueSpec(weight: weight))
    }

    /// What `operation` throws, or nil.
    private static func failure(_ operation: () async throws -> Void) async -> (any Error)? {
        do {
            try await operation()
            return nil
        } catch {
            return error
        }
    }

    @Test func typedReadsAndWritesReachTheServer() async throws {
        try await withRemote { server, remote in
            let created = try await remote.create(Self.queue("research", weight: 4))
            #expect(created.metadata.uid != nil)
            #expect(try await server.get(Queue.self, name: "research").spec.weight == 4)
            var read = try await remote.get(Queue.self, name: "research")
            #expect(read.metadata.resourceVersion == created.metadata.resourceVersion)
            read.spec.weight = 6
            let updated = try await remote.update(read)
            #expect(updated.metadata.generation == 2)
            var status = updated
            status.status = QueueStatus(state: "Open")
            _ = try await remote.updateStatus(status)
            #expect(try await server.get(Queue.self, name: "research").status?.state == "Open")
            let patched = try await remote.patch(
                Queue.self, namespace: "", name: "research", mergePatch: .object(["spec": .object(["weight": .integer(7)])]))
            #expect(patched.spec.weight == 7)
            _ = try await remote.create(ConfigMap(metadata: ObjectMeta(name: "settings", labels: ["team": "nlp"])))
            _ = try await remote.create(ConfigMap(metadata: ObjectMeta(name: "other")))
            let selected = try await remote.list(
                ConfigMap.self, namespace: "default", labels: try LabelSelectorQuery(parsing: "team in (nlp,cv)"), fields: FieldSelectorQuery())
            #expect(selected.items.map(\.name) == ["settings"])
            let named = try await remote.objects(
                of: ConfigMap.resource, namespace: nil, labels: LabelSelectorQuery(),
                fields: try FieldSelectorQuery(parsing: "metadata.name!=settings"))
            #expect(named.items.compactMap { $0["metadata"]?["name"]?.stringValue } == ["other"])
            #expect(try await remote.namespaceExists("default"))
            #expect(try await !remote.namespaceExists("nowhere"))
            let deleted = try await remote.delete(Queue.self, name: "research")
            #expect(deleted.name == "research")
            #expect(try await server.list(Queue.self).items.isEmpty)
        }
    }

    @Test func errorsAreTheOnesTheInProcessAPIThrows() async throws {
        try await withRemote { server, remote in
            var existing = try await server.create(Self.queue("research"))
            existing.metadata.resourceVersion = "1"
            let stale = existing
            let invalid = Self.queue("bad", weight: -1)
            let misplaced = ConfigMap(metadata: ObjectMeta(name: "settings", namespace: "nowhere"))
            let cases: [(String, @Sendable (any ObjectAPI) async throws -> Void)] = [
                ("not found", { _ = try await $0.get(Queue.self, name: "nope") }),
                ("already exists", { _ = try await $0.create(Self.queue("research")) }),
                ("conflict", { _ = try await $0.update(stale) }),
                ("invalid", { _ = try await $0.create(invalid) }),
                ("namespace not found", { _ = try await $0.create(misplaced) }),
                ("precondition failed", {
                    _ = try await $0.delete(
                        Queue.self, namespace: "", name: "research", propagationPolicy: .background,
                        preconditions: DeletePreconditions(uid: "someone-else"))
                }),
            ]
            for (name, operation) in cases {
                let local = await Self.failure { try await operation(server) } as? APIError
                let overHTTP = await Self.failure { try await operation(remote) } as? APIError
                #expect(local != nil, "\(name)")
                #expect(String(describing: overHTTP) == String(describing: local), "\(name)")
                // An invalid value's detail reads back as part of the value; every other error is the same case with the same values.
                if case .invalid = local { continue }
                #expect(overHTTP == local, "\(name)")
            }
        }
    }

    @Test func refusalsAreUnauthorizedAndForbiddenInTheServersWords() async throws {
        let tokens = TokenFile(users: ["alice-token": UserInfo(name: "alice")])
        let access = { (server: APIServer) -> AccessControl? in
            AccessControl(tokens: tokens, allowAnonymous: false, authorization: .rbac(RBACPolicyCache(server: server)))
        }
        try await withRemote(access: access, token: "not-a-token") { _, remote in
            let refused = await Self.failure { _ = try await remote.list(Queue.self) }
            #expect(refused as? APIError == .unauthorized)
        }
        try await withRemote(access: access, token: "alice-token") { _, remote in
            let refused = await Self.failure { _ = try await remote.list(Queue.self) }
            #expect(
                refused as? APIError
                    == .forbidden(
                        #"queues.scheduling.volcano.sh is forbidden: User "alice" cannot list resource "queues" in API group "scheduling.volcano.sh" at the cluster scope"#))
            // Not knowing whether a namespace exists, the client lets the write find out.
            let exists = try await remote.namespaceExists("default")
            #expect(exists)
        }
    }

    @Test func applySaysCreatedUnchangedAndConfiguredAsInProcess() async throws {
        try await withRemote { server, remote in
            var queue = Self.queue("research", weight: 4)
            queue.metadata.labels = ["team": "nlp"]
            #expect(try await remote.apply(queue, dryRun: false).outcome == .created)
            #expect(try await remote.apply(queue, dryRun: false).outcome == .unchanged)
            queue.spec.weight = 5
            #expect(try await remote.apply(queue, dryRun: true).outcome == .configured)
            #expect(try await server.get(Queue.self, name: "research").spec.weight == 4)
            queue.metadata.labels = nil
            let configured = try await remote.apply(queue, dryRun: false)
            #expect(configured.outcome == .configured)
            let stored = try await server.get(Queue.self, name: "research")
            #expect(stored.spec.weight == 5)
            // The label the manifest no longer has is gone; one it never had would have stayed.
            #expect(stored.metadata.labels == nil)
            // The in-process API sees the remote apply's record and agrees nothing changed.
            #expect(try await server.apply(queue).outcome == .unchanged)
            let results = try await remote.applyAll([
                Self.queue("production"), Namespace(metadata: ObjectMeta(name: "team-a")),
                ConfigMap(metadata: ObjectMeta(name: "settings", namespace: "team-a")),
            ])
            #expect(results.map { "\($0.object.name) \($0.outcome)" } == ["team-a created", "production created", "settings created"])
        }
    }

    @Test func watchesFollowChangesAndSayGoneAfterCompaction() async throws {
        try await withRemote { server, remote in
            let start = try await remote.list(Queue.self).resourceVersion
            let events = try await remote.watch(Queue.self, namespace: nil, after: start)
            _ = try await server.create(Self.queue("research"))
            try await server.delete(Queue.self, name: "research")
            var seen: [String] = []
            for try await event in events {
                seen.append("\(event.kind.rawValue) \(event.object.name)")
                if seen.count == 2 { break }
            }
            #expect(seen == ["ADDED research", "DELETED research"])

            _ = try await server.create(Self.queue("production"))
            try await server.store.compact(to: try await server.currentRevision())
            let local = await Self.failure { for try await _ in try await server.watch(Queue.self, after: start) {} }
            let overHTTP = await Self.failure { for try await _ in try await remote.watch(Queue.self, namespace: nil, after: start) {} }
            #expect(local.map { "\($0)" }?.hasPrefix("too old resource version") == true, "\(String(describing: local))")
            #expect(String(describing: overHTTP) == String(describing: local))
        }
    }
}
