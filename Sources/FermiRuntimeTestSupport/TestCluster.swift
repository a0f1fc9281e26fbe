import CoreMetrics
import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiStore
import Synchronization

/// An API server on a memory store and a manual clock, with numbered uids: what every
/// runtime test runs controllers against.
public struct TestCluster: Sendable {
    public let clock = ManualClock()
    public let store = MemoryStore()
    public let server: APIServer
    public let manager: ControllerManager

    /// A cluster whose controllers report their metrics through `metricsFactory`.
    public init(metricsFactory: any MetricsFactory = MetricsSystem.factory) async throws {
        let counter = Mutex(0)
        let clock = self.clock
        server = APIServer(
            store: store, now: { clock.now.date },
            makeUID: { counter.withLock { $0 += 1; return "uid-\($0)" } })
        try await server.ensureDefaultNamespace()
        manager = ControllerManager(server: server, clock: clock, metricsFactory: metricsFactory)
    }

    /// A ConfigMap named `name` in `default`, owned by `owners`.
    public func configMap(_ name: String, ownedBy owners: [ConfigMap] = []) -> ConfigMap {
        var metadata = ObjectMeta(name: name, namespace: "default")
        if !owners.isEmpty {
            metadata.ownerReferences = owners.map {
                OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: $0.name, uid: $0.metadata.uid ?? "")
            }
        }
        return ConfigMap(metadata: metadata, data: ["k": "v"])
    }

    /// Runs the manager until `body` returns, then stops it.
    public func running<R>(_ body: () async throws -> R) async throws -> R {
        let run = Task { try await manager.run() }
        defer { run.cancel() }
        try await manager.settle()
        return try await body()
    }
}
