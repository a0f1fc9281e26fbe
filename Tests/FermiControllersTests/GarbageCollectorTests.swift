import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import FermiRuntimeTestSupport
import Testing

/// The garbage collector: background cascade through generations, orphaning, foreground
/// deletion, and dangling references removed when some owners remain.
@Suite("Garbage collector")
struct GarbageCollectorTests {
    func names(_ cluster: TestCluster) async throws -> [String] {
        try await cluster.server.list(ConfigMap.self, namespace: "default").items.map(\.name)
    }

    func start(_ cluster: TestCluster) {
        cluster.manager.add(GarbageCollector.controller(in: cluster.manager))
    }

    @Test func deletingAnOwnerDeletesItsDependentsAndTheirsInTurn() async throws {
        let cluster = try await TestCluster()
        start(cluster)
        let server = cluster.server
        let job = try await server.create(cluster.configMap("job"))
        let pod = try await server.create(cluster.configMap("pod", ownedBy: [job]))
        _ = try await server.create(cluster.configMap("log", ownedBy: [pod]))
        _ = try await server.create(cluster.configMap("unrelated"))
        try await cluster.running {
            #expect(try await names(cluster) == ["job", "log", "pod", "unrelated"])
            try await server.delete(ConfigMap.self, name: "job")
            try await cluster.manager.settle()
            #expect(try await names(cluster) == ["unrelated"])
        }
    }

    @Test func anObjectWhoseOwnerIsAlreadyGoneIsCollectedOnStart() async throws {
        let cluster = try await TestCluster()
        start(cluster)
        let owner = try await cluster.server.create(cluster.configMap("owner"))
        _ = try await cluster.server.create(cluster.configMap("child", ownedBy: [owner]))
        try await cluster.server.delete(ConfigMap.self, name: "owner")
        // A new owner of the same name is not the same owner: uids differ.
        _ = try await cluster.server.create(cluster.configMap("owner"))
        let remaining = try await cluster.running { try await names(cluster) }
        #expect(remaining == ["owner"])
    }

    @Test func aDependentWithAnotherLiveOwnerOnlyLosesTheDanglingReference() async throws {
        let cluster = try await TestCluster()
        start(cluster)
        let server = cluster.server
        let first = try await server.create(cluster.configMap("first"))
        let second = try await server.create(cluster.configMap("second"))
        _ = try await server.create(cluster.configMap("shared", ownedBy: [first, second]))
        try await cluster.running {
            try await server.delete(ConfigMap.self, name: "first")
            try await cluster.manager.settle()
            let shared = try await server.get(ConfigMap.self, name: "shared")
            #expect(shared.metadata.ownerReferences?.map(\.name) == ["second"])
        }
    }

    @Test func orphanDeletionLetsDependentsGo() async throws {
        let cluster = try await TestCluster()
        start(cluster)
        let server = cluster.server
        let owner = try await server.create(cluster.configMap("owner"))
        _ = try await server.create(cluster.configMap("child", ownedBy: [owner]))
        try await cluster.running {
            let marked = try await server.delete(ConfigMap.self, name: "owner", propagationPolicy: .orphan)
            #expect(marked.metadata.finalizers == ["orphan"])
            try await cluster.manager.settle()
            #expect(try await names(cluster) == ["child"])
            #expect(try await server.get(ConfigMap.self, name: "child").metadata.ownerReferences == nil)
        }
    }

    @Test func foregroundDeletionRemovesDependentsBeforeTheOwner() async throws {
        let cluster = try await TestCluster()
        let server = cluster.server
        let owner = try await server.create(cluster.configMap("owner"))
        var child = cluster.configMap("child", ownedBy: [owner])
        // A finalizer someone else holds keeps the child, and so the owner, until released.
        child.metadata.finalizers = ["example.com/hold"]
        _ = try await server.create(child)
        start(cluster)
        try await cluster.running {
            try await server.delete(ConfigMap.self, name: "owner", propagationPolicy: .foreground)
            try await cluster.manager.settle()
            let waitingOwner = try await server.get(ConfigMap.self, name: "owner")
            #expect(waitingOwner.metadata.deletionTimestamp != nil)
            #expect(waitingOwner.metadata.finalizers == ["foregroundDeletion"])
            var held = try await server.get(ConfigMap.self, name: "child")
            #expect(held.metadata.deletionTimestamp != nil)

            held.metadata.finalizers = nil
            _ = try await server.update(held)
            try await cluster.manager.settle()
            #expect(try await names(cluster) == [])
        }
    }
}
