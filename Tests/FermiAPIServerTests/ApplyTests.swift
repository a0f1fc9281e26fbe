import FermiAPI
import FermiAPIServer
import FermiStore
import Foundation
import Testing

/// `apply` behaves as kubectl apply: create, configure by three-way merge, or leave unchanged.
@Suite("Apply")
struct ApplyTests {
    let server = APIServer(store: MemoryStore(), registry: KindRegistry([Queue.self, Widget.self]))

    init() async throws {
        try await server.ensureDefaultNamespace()
    }

    @Test func applyCreatesThenLeavesAnIdenticalManifestUnchanged() async throws {
        let first = try await server.apply(Widget("w1", size: 2))
        #expect(first.outcome == .created)
        #expect(first.object.metadata.annotations?[APIServer.lastAppliedAnnotation] != nil)
        let second = try await server.apply(Widget("w1", size: 2))
        #expect(second.outcome == .unchanged)
        #expect(second.object.metadata.resourceVersion == first.object.metadata.resourceVersion)
    }

    @Test func aFieldRemovedFromTheManifestIsRemovedFromTheObject() async throws {
        var widget = Widget("w1", size: 2)
        widget.spec.color = "red"
        _ = try await server.apply(widget)
        let changed = try await server.apply(Widget("w1", size: 2))
        #expect(changed.outcome == .configured)
        // The manifest no longer sets color: it goes, and the default takes its place.
        #expect(changed.object.spec.color == "grey")
        #expect(changed.object.metadata.generation == 2)
    }

    @Test func fieldsTheUserNeverSetAreKept() async throws {
        _ = try await server.apply(Widget("w1", size: 2))
        var live = try await server.get(Widget.self, name: "w1")
        live.status = .init(phase: "Running")
        _ = try await server.updateStatus(live)
        var labelled = try await server.get(Widget.self, name: "w1")
        labelled.metadata.labels = ["added-by": "controller"]
        _ = try await server.update(labelled)
        let reapplied = try await server.apply(Widget("w1", size: 3))
        #expect(reapplied.outcome == .configured)
        #expect(reapplied.object.spec.size == 3)
        #expect(reapplied.object.status?.phase == "Running")
        #expect(reapplied.object.metadata.labels == ["added-by": "controller"])
    }

    @Test func dryRunChangesNothing() async throws {
        let result = try await server.apply(Widget("w1", size: 2), dryRun: true)
        #expect(result.outcome == .created)
        await #expect(throws: APIError.self) { try await server.get(Widget.self, name: "w1") }
    }

    @Test func mergePatchFollowsRFC7386() {
        let target: JSONValue = .object(["a": .string("b"), "c": .object(["d": .string("e"), "f": .string("g")])])
        let patch: JSONValue = .object(["a": .string("z"), "c": .object(["f": .null])])
        #expect(MergePatch.apply(patch, to: target) == .object(["a": .string("z"), "c": .object(["d": .string("e")])]))
    }
}
