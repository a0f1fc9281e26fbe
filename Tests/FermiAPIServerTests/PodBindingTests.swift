import FermiAPI
import FermiAPIServer
import FermiStore
import Testing

/// pods/binding, one pod or many in one write.
@Suite("Pod binding")
struct PodBindingTests {
    private func server() async throws -> APIServer {
        let server = APIServer(store: MemoryStore())
        try await server.ensureDefaultNamespace()
        return server
    }

    private func pod(_ name: String) -> Pod {
        var container = Container()
        container.name = "main"
        container.image = "registry.example.com/app:1"
        return Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: PodSpec(containers: [container]))
    }

    @Test func manyPodsAreBoundInOneWriteAndOnlyThoseStillUnbound() async throws {
        let server = try await server()
        let first = try await server.create(pod("first"))
        let second = try await server.create(pod("second"))
        let taken = try await server.create(pod("taken"))
        let gone = try await server.create(pod("gone"))
        _ = try await server.bind(taken, to: "node-0")
        try await server.delete(Pod.self, name: "gone")
        let before = try await server.currentRevision()
        let bound = try await server.bind([(first, "node-1"), (second, "node-2"), (taken, "node-3"), (gone, "node-4")])
        #expect(bound.map(\.name) == ["first", "second"])
        #expect(try await server.currentRevision() == before + 1)
        #expect(try await server.get(Pod.self, name: "first").spec.nodeName == "node-1")
        #expect(try await server.get(Pod.self, name: "second").spec.nodeName == "node-2")
        #expect(try await server.get(Pod.self, name: "taken").spec.nodeName == "node-0")
    }

    @Test func aPodRecreatedUnderTheSameNameIsNotBoundForTheOldOne() async throws {
        let server = try await server()
        let old = try await server.create(pod("web"))
        try await server.delete(Pod.self, name: "web")
        _ = try await server.create(pod("web"))
        await #expect(throws: APIError.self) { try await server.bind(old, to: "node-0") }
        #expect(try await server.get(Pod.self, name: "web").spec.nodeName == nil)
    }
}
