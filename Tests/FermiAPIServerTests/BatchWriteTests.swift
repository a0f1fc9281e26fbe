import FermiAPI
import FermiAPIServer
import FermiStore
import Testing

/// Many creates or status writes in one write to the store.
@Suite("Batch writes")
struct BatchWriteTests {
    private func server() async throws -> APIServer {
        let server = APIServer(store: MemoryStore())
        try await server.ensureDefaultNamespace()
        return server
    }

    private func group(_ name: String) -> PodGroup {
        PodGroup(metadata: ObjectMeta(name: name, namespace: "default"), spec: PodGroupSpec(minMember: 1))
    }

    @Test func objectsAreCreatedTogetherAndATakenNameIsLeftOut() async throws {
        let server = try await server()
        _ = try await server.create(group("taken"))
        let created = try await server.create(batch: [group("a"), group("taken"), group("b")])
        #expect(created.map { $0?.name } == ["a", nil, "b"])
        #expect(try await server.list(PodGroup.self).items.map(\.name).sorted() == ["a", "b", "taken"])
        // Defaults applied as on a single create.
        #expect(try await server.get(PodGroup.self, name: "a").spec.queue == "default")
    }

    @Test func anInvalidObjectFailsTheBatchBeforeAnythingIsWritten() async throws {
        let server = try await server()
        var invalid = group("bad")
        invalid.spec.minMember = -1
        await #expect(throws: APIError.self) { try await server.create(batch: [group("good"), invalid]) }
        #expect(try await server.list(PodGroup.self).items.isEmpty)
    }

    @Test func statusesAreWrittenTogetherAndAStaleOneIsLeftOut() async throws {
        let server = try await server()
        let first = try await server.create(group("first"))
        let second = try await server.create(group("second"))
        var stale = second
        stale.metadata.resourceVersion = "1"
        var running = first
        running.status = PodGroupStatus(phase: "Running", running: 1)
        stale.status = PodGroupStatus(phase: "Running", running: 1)
        let written = try await server.updateStatus(batch: [running, stale])
        #expect(written.map { $0?.name } == ["first", nil])
        #expect(try await server.get(PodGroup.self, name: "first").status?.phase == "Running")
        #expect(try await server.get(PodGroup.self, name: "second").status?.phase == nil)
    }
}
