import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiRuntimeTestSupport
import FermiStore
import Synchronization
import Testing

/// Informers: list then watch into a cache, handlers told of each change, a fresh list when
/// the watch's revision has been compacted away.
@Suite("Informers")
struct InformerTests {
    @Test func listsThenFollowsTheWatchIntoTheCache() async throws {
        let cluster = try await TestCluster()
        _ = try await cluster.server.create(cluster.configMap("before"))
        let informers = InformerSet(server: cluster.server, activity: cluster.manager.activity)
        let configMaps = informers.informer(ConfigMap.self)
        let seen = Mutex<[String]>([])
        configMaps.onChange { event in
            let verb = switch event {
            case .added: "added"
            case .updated: "updated"
            case .deleted: "deleted"
            }
            seen.withLock { $0.append("\(verb) \(event.object.name)") }
        }
        let run = Task { try await informers.run() }
        defer { run.cancel() }
        await informers.waitForSync()
        #expect(configMaps.object(namespace: "default", name: "before") != nil)

        var after = try await cluster.server.create(cluster.configMap("after"))
        after.data = ["k": "changed"]
        after = try await cluster.server.update(after)
        try await cluster.server.delete(ConfigMap.self, name: "before")
        try await waitUntil(informers, reaches: cluster)

        #expect(seen.withLock { $0 } == ["added before", "added after", "updated after", "deleted before"])
        #expect(configMaps.objects().map(\.name) == ["after"])
        #expect(configMaps.object(namespace: "default", name: "after")?.data == ["k": "changed"])
    }

    @Test func aWriteOfManyObjectsIsTakenInWholeBeforeItsRevisionCounts() async throws {
        let cluster = try await TestCluster()
        let informers = InformerSet(server: cluster.server, activity: cluster.manager.activity)
        let configMaps = informers.informer(ConfigMap.self)
        // The revision the set claims as each object of the write arrives, and how many it holds.
        let claimed = Mutex<[(revision: Int64, cached: Int)]>([])
        configMaps.onChange { _ in
            let revision = informers.revision
            claimed.withLock { $0.append((revision, configMaps.objects().count)) }
        }
        let run = Task { try await informers.run() }
        defer { run.cancel() }
        await informers.waitForSync()
        // More objects than a page of the store's watch, in one revision.
        _ = try await cluster.server.create(batch: (0..<600).map { cluster.configMap("cm-\($0)") })
        let revision = try await cluster.server.currentRevision()
        try await waitUntil(informers, reaches: cluster)
        #expect(configMaps.objects().count == 600)
        let seen = claimed.withLock { $0 }
        #expect(seen.count == 600)
        #expect(seen.allSatisfy { $0.revision < revision })
    }

    @Test func relistsWhenItsRevisionIsCompactedAndReportsWhatChangedMeanwhile() async throws {
        let cluster = try await TestCluster()
        _ = try await cluster.server.create(cluster.configMap("kept"))
        _ = try await cluster.server.create(cluster.configMap("removed"))
        let informers = InformerSet(server: cluster.server, activity: cluster.manager.activity)
        let configMaps = informers.informer(ConfigMap.self)
        let deleted = Mutex<[String]>([])
        let added = Mutex<[String]>([])
        configMaps.onChange { event in
            if case .deleted(let object) = event { deleted.withLock { $0.append(object.name) } }
            if case .added(let object) = event { added.withLock { $0.append(object.name) } }
        }
        var run = Task { try await informers.run() }
        await informers.waitForSync()
        run.cancel()
        _ = await run.result

        // While it is stopped: changes, then compaction past where it stopped.
        try await cluster.server.delete(ConfigMap.self, name: "removed")
        _ = try await cluster.server.create(cluster.configMap("new"))
        try await cluster.store.compact(to: try await cluster.server.currentRevision())

        run = Task { try await informers.run() }
        defer { run.cancel() }
        try await waitUntil(informers, reaches: cluster)
        #expect(informers.relistCount == 1)
        #expect(configMaps.objects().map(\.name) == ["kept", "new"])
        #expect(deleted.withLock { $0 } == ["removed"])
        #expect(added.withLock { $0 } == ["kept", "removed", "new"])
    }

    /// Waits (on the informers' own progress signal, not on time) until they have taken in
    /// every write the store has.
    private func waitUntil(_ informers: InformerSet, reaches cluster: TestCluster) async throws {
        let target = try await cluster.server.currentRevision()
        while true {
            let generation = cluster.manager.activity.generation
            if informers.hasSynced, informers.revision >= target { return }
            await cluster.manager.activity.wait(after: generation)
        }
    }
}
