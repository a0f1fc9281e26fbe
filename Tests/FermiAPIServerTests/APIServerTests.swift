import FermiAPI
import FermiAPIServer
import FermiStore
import Foundation
import Synchronization
import Testing

/// The API layer's Kubernetes semantics over a store: metadata, admission, generation, status,
/// finalizers, selectors and watches.
@Suite("API server")
struct APIServerTests {
    let server: APIServer
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() async throws {
        let counter = Mutex(0)
        server = APIServer(
            store: MemoryStore(), registry: KindRegistry([Queue.self, Widget.self]),
            now: { Self.start },
            makeUID: { counter.withLock { $0 += 1; return "uid-\($0)" } })
        try await server.ensureDefaultNamespace()
    }

    @Test func createSetsSystemMetadataAndDefaults() async throws {
        let created = try await server.create(Widget("w1", size: 3))
        #expect(created.metadata.namespace == "default")
        #expect(created.metadata.uid == "uid-2")
        #expect(created.metadata.generation == 1)
        #expect(created.metadata.creationTimestamp == Timestamp(Self.start))
        #expect(created.spec.color == "grey")
        let read = try await server.get(Widget.self, name: "w1")
        #expect(read == created)
        #expect(read.metadata.resourceVersion == created.metadata.resourceVersion)
    }

    @Test func createIntoAMissingNamespaceFails() async throws {
        await #expect(throws: APIError.namespaceNotFound("research")) {
            try await server.create(Widget("w1", namespace: "research"))
        }
    }

    @Test func anInvalidObjectIsRejectedAndNothingIsStored() async throws {
        await #expect {
            try await server.create(Widget("w1", size: -2))
        } throws: { error in
            "\(error)" == #"Widget.test.fermi.dev "w1" is invalid: spec.size: Invalid value: -2: must be greater than or equal to 0"#
        }
        await #expect(throws: APIError.notFound(resource: "widgets.test.fermi.dev", name: "w1")) {
            try await server.get(Widget.self, name: "w1")
        }
    }

    @Test func statusIsDroppedOnCreate() async throws {
        var widget = Widget("w1")
        widget.status = .init(phase: "Done")
        #expect(try await server.create(widget).status == nil)
    }

    @Test func generationCountsSpecChangesOnly() async throws {
        var widget = try await server.create(Widget("w1", size: 1))
        widget.metadata.labels = ["team": "a"]
        widget = try await server.update(widget)
        #expect(widget.metadata.generation == 1)
        widget.spec.size = 2
        widget = try await server.update(widget)
        #expect(widget.metadata.generation == 2)
        #expect(try await server.get(Widget.self, name: "w1").metadata.labels == ["team": "a"])
    }

    @Test func generationComparesQuantitiesByAmountAsUpstreamsSemanticEqualityDoes() async throws {
        var queue = try await server.create(
            Queue(metadata: ObjectMeta(name: "q"), spec: QueueSpec(capability: ["cpu": Quantity("1000m")])))
        queue.spec.capability = ["cpu": Quantity("1")]
        queue = try await server.update(queue)
        #expect(queue.metadata.generation == 1)
        queue.spec.capability = ["cpu": Quantity("2")]
        queue = try await server.update(queue)
        #expect(queue.metadata.generation == 2)
    }

    @Test func statusIsWrittenOnlyThroughTheStatusSubresource() async throws {
        var widget = try await server.create(Widget("w1", size: 1))
        widget.status = .init(phase: "Running")
        widget.spec.size = 9
        let afterStatus = try await server.updateStatus(widget)
        #expect(afterStatus.status?.phase == "Running")
        #expect(afterStatus.spec.size == 1)
        #expect(afterStatus.metadata.generation == 1)
        var userEdit = afterStatus
        userEdit.status = .init(phase: "Hacked")
        userEdit.spec.size = 4
        let afterUpdate = try await server.update(userEdit)
        #expect(afterUpdate.status?.phase == "Running")
        #expect(afterUpdate.spec.size == 4)
    }

    @Test func theDefaultNamespaceIsStoredAsCompactJSONWithSortedKeysAsEveryObjectIs() async throws {
        let store = MemoryStore()
        try await APIServer(store: store, registry: .served).ensureDefaultNamespace()
        let stored = try await store.get(StorageKey.key(of: Namespace.resource, namespace: "", name: "default"))
        let value = try JSONParser.parse(stored.value)
        #expect(value["status"]?["phase"] == .string("Active"))
        #expect([UInt8](stored.value) == JSONValue.compactJSONBytes(value))
    }

    @Test func aPodStatusWriteTakesLabelsAndAnnotationsAsPodsStatusDoesUpstream() async throws {
        let served = APIServer(store: MemoryStore(), registry: .served)
        try await served.ensureDefaultNamespace()
        var pod = try await served.create(
            Pod(metadata: ObjectMeta(name: "trainer", labels: ["team": "a"]), spec: PodSpec(containers: [Container(name: "main", image: "busybox")])))
        pod.status = PodStatus(phase: "Succeeded")
        pod.metadata.labels = ["team": "b"]
        pod.metadata.annotations = ["sim.fermi.dev/gpu-hours": "8"]
        pod.spec.nodeName = "elsewhere"
        let written = try await served.updateStatus(pod)
        let stored = try await served.get(Pod.self, name: "trainer")
        for object in [written, stored] {
            #expect(object.status?.phase == "Succeeded")
            #expect(object.metadata.labels == ["team": "b"])
            #expect(object.metadata.annotations == ["sim.fermi.dev/gpu-hours": "8"])
            // The spec stays as stored.
            #expect(object.spec.nodeName == nil)
        }
        // Kinds whose status subresource does not take them keep their stored labels.
        var queue = try await served.create(Queue(metadata: ObjectMeta(name: "q", labels: ["team": "a"])))
        queue.metadata.labels = ["team": "b"]
        queue.status = QueueStatus(state: "Open")
        _ = try await served.updateStatus(queue)
        #expect(try await served.get(Queue.self, namespace: "", name: "q").metadata.labels == ["team": "a"])
    }

    @Test func aPodStatusWriteChecksMetadataNotTheSpecItKeeps() async throws {
        let store = MemoryStore()
        let served = APIServer(store: store, registry: .served)
        try await served.ensureDefaultNamespace()
        // Stored before a rule it breaks (no containers): its status can still be written.
        _ = try await store.create(
            StorageKey.key(of: Pod.resource, namespace: "default", name: "old"),
            value: Data(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"old","namespace":"default","uid":"u1"},"spec":{}}"#.utf8))
        var pod = try await served.get(Pod.self, name: "old")
        #expect(!pod.validate().isEmpty)
        pod.status = PodStatus(phase: "Failed")
        #expect(try await served.updateStatus(pod).status?.phase == "Failed")
        // The labels it carries are checked.
        pod = try await served.get(Pod.self, name: "old")
        pod.metadata.labels = ["bad key!": "x"]
        do {
            _ = try await served.updateStatus(pod)
            Issue.record("a status write with an invalid label was taken")
        } catch APIError.invalid(_, _, let errors) {
            #expect(errors.map(\.field.description) == ["metadata.labels"])
        }
        #expect(try await served.get(Pod.self, name: "old").metadata.labels == nil)
    }

    static let queueStatuses: [QueueStatus?] = {
        var busy = QueueStatus(state: "Open")
        busy.running = 2
        busy.allocated = ["cpu": "4", "nvidia.com/gpu": "8"]
        return [busy, QueueStatus(), nil]
    }()

    @Test(arguments: queueStatuses)
    func aStatusWriteStoresTheStatusAsTheWholeObjectWritesIt(status: QueueStatus?) async throws {
        var queue = try await server.create(Queue(metadata: ObjectMeta(name: "q")))
        queue.status = status
        _ = try await server.updateStatus(queue)
        let stored = try await server.object(of: Queue.resource, namespace: "", name: "q")
        #expect(stored["status"] == (try JSONValueEncoder.encode(queue)["status"]))
        #expect(try await server.get(Queue.self, namespace: "", name: "q").status == status)
    }

    @Test func aStaleResourceVersionConflicts() async throws {
        let created = try await server.create(Widget("w1", size: 1))
        var first = created
        first.spec.size = 2
        _ = try await server.update(first)
        var stale = created
        stale.spec.size = 3
        await #expect(throws: APIError.conflict(resource: "widgets.test.fermi.dev", name: "w1")) {
            try await server.update(stale)
        }
    }

    @Test func finalizersHoldDeletionUntilCleared() async throws {
        var widget = Widget("w1")
        widget.metadata.finalizers = ["fermi.dev/cleanup"]
        _ = try await server.create(widget)
        let marked = try await server.delete(Widget.self, name: "w1")
        #expect(marked.metadata.deletionTimestamp == Timestamp(Self.start))
        var stillThere = try await server.get(Widget.self, name: "w1")
        #expect(stillThere.metadata.deletionTimestamp != nil)
        stillThere.metadata.finalizers = []
        _ = try await server.update(stillThere)
        await #expect(throws: APIError.notFound(resource: "widgets.test.fermi.dev", name: "w1")) {
            try await server.get(Widget.self, name: "w1")
        }
    }

    @Test func listsFilterByLabelsAndFields() async throws {
        _ = try await server.create(Widget("a", labels: ["tier": "gpu", "team": "x"]))
        _ = try await server.create(Widget("b", labels: ["tier": "cpu"]))
        _ = try await server.create(Widget("c", labels: ["tier": "gpu"]))
        let gpu = try await server.list(Widget.self, labels: LabelSelectorQuery(parsing: "tier=gpu"))
        #expect(gpu.items.map(\.name) == ["a", "c"])
        let notX = try await server.list(Widget.self, labels: LabelSelectorQuery(parsing: "tier in (gpu, cpu),!team"))
        #expect(notX.items.map(\.name) == ["b", "c"])
        let named = try await server.list(Widget.self, fields: FieldSelectorQuery(parsing: "metadata.name=b"))
        #expect(named.items.map(\.name) == ["b"])
        #expect(throws: SelectorError.self) { try FieldSelectorQuery(parsing: "spec.size=1") }
    }

    @Test func clusterScopedKindsIgnoreNamespaces() async throws {
        let queue = try await server.create(Queue(metadata: ObjectMeta(name: "research", namespace: "default")))
        #expect(queue.metadata.namespace == nil)
        #expect(queue.spec.weight == 1)
        #expect(try await server.list(Queue.self).items.count == 1)
    }

    @Test func watchDeliversTypedEventsInOrder() async throws {
        let start = try await server.list(Widget.self).resourceVersion
        let events = try await server.watch(Widget.self, namespace: "default", after: start)
        var widget = try await server.create(Widget("w1", size: 1))
        widget.spec.size = 2
        _ = try await server.update(widget)
        try await server.delete(Widget.self, name: "w1")
        var seen: [String] = []
        for try await event in events {
            seen.append("\(event.kind.rawValue) \(event.object.name) \(event.object.spec.size ?? 0)")
            if seen.count == 3 { break }
        }
        #expect(seen == ["ADDED w1 1", "MODIFIED w1 2", "DELETED w1 2"])
    }
}
