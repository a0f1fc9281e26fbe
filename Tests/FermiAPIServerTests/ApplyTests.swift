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
        #expect(first.object.metadata.annotations?[ClientSideApply.lastAppliedAnnotation] != nil)
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

    @Test func theLastAppliedRecordIsTheManifestAsItsFileWroteIt() async throws {
        func manifests(_ text: String) async throws -> [AppliedManifest] {
            try await ApplyPlan.parsing([(source: "queue.yaml", text: text)]).manifestsInApplyOrder
        }
        // As kubectl records it: the document's own fields (the unknown one too), an older
        // record left out, compact JSON with sorted keys.
        let written = try await manifests("""
            apiVersion: scheduling.volcano.sh/v1beta1
            kind: Queue
            metadata:
              name: research
              annotations: {kubectl.kubernetes.io/last-applied-configuration: stale}
            spec: {weight: 4, shade: dark}
            """)
        let created = try await server.applyAll(written)
        #expect(created.map(\.outcome) == [.created])
        let expected = #"{"apiVersion":"scheduling.volcano.sh/v1beta1","kind":"Queue","metadata":{"name":"research"},"spec":{"shade":"dark","weight":4}}"#
        #expect(try await server.get(Queue.self, name: "research").metadata.annotations == [ClientSideApply.lastAppliedAnnotation: expected])
        #expect(try await server.applyAll(written).map(\.outcome) == [.unchanged])
        // Weight dropped from the file: dropped from the queue (back to its default), and from the record.
        let dropped = try await manifests("""
            apiVersion: scheduling.volcano.sh/v1beta1
            kind: Queue
            metadata: {name: research}
            spec: {shade: dark}
            """)
        #expect(try await server.applyAll(dropped).map(\.outcome) == [.configured])
        let queue = try await server.get(Queue.self, name: "research")
        #expect(queue.spec.weight == 1)
        #expect(
            queue.metadata.annotations?[ClientSideApply.lastAppliedAnnotation]
                == #"{"apiVersion":"scheduling.volcano.sh/v1beta1","kind":"Queue","metadata":{"name":"research"},"spec":{"shade":"dark"}}"#)
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

/// Applying many objects commits them in batches, with the same outcomes as one by one.
@Suite("Apply in batches")
struct BatchedApplyTests {
    @Test func aThousandObjectsCommitInBatchesAndReapplyUnchanged() async throws {
        let store = MemoryStore()
        let server = APIServer(store: store, registry: KindRegistry([Widget.self]))
        try await server.ensureDefaultNamespace()
        let before = try await store.currentRevision()
        let widgets = (0..<1_200).map { (index: Int) in AppliedManifest(Widget("w" + String(index), size: index)) }
        let first = try await server.applyAll(widgets, batchSize: 500)
        #expect(first.allSatisfy { $0.outcome == .created })
        // A first batch of a quarter (125), then 500, 500 and the 75 left.
        #expect(try await store.currentRevision() == before + 4)
        #expect(try await server.list(Widget.self).items.count == 1_200)
        var changed = widgets
        changed[7] = AppliedManifest(Widget("w7", size: 700))
        let second = try await server.applyAll(changed, batchSize: 500)
        #expect(second.filter { $0.outcome == .configured }.map(\.object.name) == ["w7"])
        #expect(second.filter { $0.outcome == .unchanged }.count == 1_199)
        #expect(try await server.get(Widget.self, name: "w7").spec.size == 700)
    }

    @Test func aRejectedManifestInALaterBatchLeavesEverythingAsItWasAndIsNamed() async throws {
        let store = MemoryStore()
        let server = APIServer(store: store, registry: KindRegistry([Namespace.self, Widget.self]))
        try await server.ensureDefaultNamespace()
        _ = try await server.apply(Widget("kept", size: 1))
        let before = await store.currentRevision()
        // A namespace and what goes in it, a change to an object that exists, and, in the third
        // batch of two, two objects the server rejects (one a change that breaks a rule).
        let manifests: [AppliedManifest] = [
            AppliedManifest(Widget("w1", namespace: "research", size: 1)),
            AppliedManifest(Widget("kept", size: -5)),
            AppliedManifest(Widget("w2", size: 2)),
            AppliedManifest(Namespace(metadata: ObjectMeta(name: "research"))),
            AppliedManifest(Widget("w3", size: 3)),
            AppliedManifest(Widget("bad", size: -1)),
        ]
        do {
            _ = try await server.applyAll(manifests, batchSize: 2)
            Issue.record("an apply with invalid manifests succeeded")
        } catch let rejection as RejectedManifests {
            #expect(rejection.failures.map(\.index) == [1, 5])
            #expect(rejection.description == """
                Widget.test.fermi.dev "kept" is invalid: spec.size: Invalid value: -5: must be greater than or equal to 0
                Widget.test.fermi.dev "bad" is invalid: spec.size: Invalid value: -1: must be greater than or equal to 0
                """)
        }
        #expect(await store.currentRevision() == before)
        #expect(try await server.namespaceExists("research") == false)
        #expect(try await server.get(Widget.self, name: "kept").spec.size == 1)
        // Without the rejected ones, the same manifests apply: the widget goes into the
        // namespace created alongside it.
        let results = try await server.applyAll([manifests[0], manifests[2], manifests[3], manifests[4]], batchSize: 2)
        #expect(results.map(\.object.name) == ["research", "w1", "w2", "w3"])
        #expect(results.map(\.outcome) == [.created, .created, .created, .created])
    }

    @Test func applyAllOfOneObjectTwiceInABatchCreatesItThenConfiguresIt() async throws {
        let server = APIServer(store: MemoryStore(), registry: KindRegistry([Widget.self]))
        try await server.ensureDefaultNamespace()
        let widgets = [Widget("w1", size: 1), Widget("twice", size: 2), Widget("twice", size: 3)].map { AppliedManifest($0) }
        let results = try await server.applyAll(widgets, batchSize: 500)
        #expect(results.map(\.outcome) == [.created, .created, .configured])
        #expect(try await server.get(Widget.self, name: "twice").spec.size == 3)
        #expect(try await server.get(Widget.self, name: "w1").spec.size == 1)
    }

    @Test func anObjectNamedInTwoConsecutiveBatchesEndsAsTheLaterOneSaysIt() async throws {
        // The second batch is decided while the first commits, before the object exists.
        let server = APIServer(store: MemoryStore(), registry: KindRegistry([Widget.self]))
        try await server.ensureDefaultNamespace()
        let widgets = [Widget("a", size: 1), Widget("twice", size: 2), Widget("twice", size: 3), Widget("b", size: 4)].map {
            AppliedManifest($0)
        }
        let results = try await server.applyAll(widgets, batchSize: 2)
        #expect(results.map(\.outcome) == [.created, .created, .configured, .created])
        #expect(results.map(\.object.name) == ["a", "twice", "twice", "b"])
        #expect(try await server.get(Widget.self, name: "twice").spec.size == 3)
        #expect(try await server.get(Widget.self, name: "b").spec.size == 4)
    }
}
