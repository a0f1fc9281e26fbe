import FermiAPI
import FermiAPIServer
import FermiStore
import Foundation
import Synchronization
import Testing

/// A status written over the server's own last status write is not read back first, and still
/// fails as a read-then-write would when anything wrote or deleted the object in between.
@Suite("Status write over the server's own write")
struct StatusWriteOverOwnWriteTests {
    /// A store that counts point reads.
    final class ReadCountingStore: Store {
        let base = MemoryStore()
        let gets = Mutex(0)

        func currentRevision() async throws -> Int64 { try await base.currentRevision() }
        func get(_ key: String) async throws -> KeyValue {
            gets.withLock { $0 += 1 }
            return try await base.get(key)
        }
        func currentValues(of keys: [String]) async throws -> [KeyValue?] { try await base.currentValues(of: keys) }
        func list(_ request: ListRequest) async throws -> ListPage { try await base.list(request) }
        func commit(_ writes: [StoreWrite]) async throws -> CommitResult { try await base.commit(writes) }
        func watch(prefix: String, after revision: Int64) async throws -> WatchStream {
            try await base.watch(prefix: prefix, after: revision)
        }
        func compact(to revision: Int64) async throws { try await base.compact(to: revision) }
    }

    let store = ReadCountingStore()
    /// The server whose own writes are remembered (the kubelet's).
    let kubelet: APIServer
    /// Another server on the same store (another process).
    let other: APIServer

    init() async throws {
        kubelet = APIServer(store: store, registry: .served)
        other = APIServer(store: store.base, registry: .served)
        try await kubelet.ensureDefaultNamespace()
    }

    private func createPod() async throws -> Pod {
        try await other.create(
            Pod(metadata: ObjectMeta(name: "trainer"), spec: PodSpec(containers: [Container(name: "main", image: "busybox")])))
    }

    @Test func aStatusOverItsOwnLastStatusIsWrittenWithoutAReadAndStoredWhole() async throws {
        var pod = try await createPod()
        pod.status = PodStatus(phase: "Pending")
        pod = try await kubelet.updateStatus(pod)
        let readsBefore = store.gets.withLock { $0 }
        pod.status?.phase = "Running"
        pod.metadata.annotations = ["sim.fermi.dev/gpu-hours": "1"]
        pod = try await kubelet.updateStatus(pod)
        pod.status?.phase = "Succeeded"
        pod = try await kubelet.updateStatus(pod)
        #expect(store.gets.withLock { $0 } == readsBefore)
        let stored = try await other.get(Pod.self, name: "trainer")
        #expect(stored == pod)
        #expect(stored.status?.phase == "Succeeded")
        #expect(stored.metadata.annotations == ["sim.fermi.dev/gpu-hours": "1"])
    }

    @Test func aStatusOverAValueSomeoneElseReplacedConflicts() async throws {
        var pod = try await createPod()
        pod.status = PodStatus(phase: "Pending")
        pod = try await kubelet.updateStatus(pod)
        var elsewhere = pod
        elsewhere.status?.phase = "Failed"
        _ = try await other.updateStatus(elsewhere)
        pod.status?.phase = "Running"
        await #expect(throws: APIError.conflict(resource: "pods", name: "trainer")) {
            try await kubelet.updateStatus(pod)
        }
        #expect(try await other.get(Pod.self, name: "trainer").status?.phase == "Failed")
    }

    @Test func aStatusOverAnObjectSomeoneElseDeletedIsNotFound() async throws {
        var pod = try await createPod()
        pod.status = PodStatus(phase: "Pending")
        pod = try await kubelet.updateStatus(pod)
        _ = try await other.delete(Pod.self, name: "trainer")
        pod.status?.phase = "Running"
        await #expect(throws: APIError.notFound(resource: "pods", name: "trainer")) {
            try await kubelet.updateStatus(pod)
        }
        await #expect(throws: APIError.notFound(resource: "pods", name: "trainer")) {
            try await other.get(Pod.self, name: "trainer")
        }
    }
}
