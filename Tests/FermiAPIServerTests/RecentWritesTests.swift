import FermiAPI
import FermiStore
import Foundation
import Testing

@testable import FermiAPIServer

/// Watches hand on what the server wrote itself without decoding it again.
@Suite("Recent writes")
struct RecentWritesTests {
    private func pod(_ name: String) -> Pod {
        var container = Container()
        container.name = "main"
        container.image = "registry.example.com/app:1"
        return Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: PodSpec(containers: [container]))
    }

    private func stored(_ key: String, revision: Int64) -> KeyValue {
        KeyValue(key: key, value: Data(), createRevision: revision, modRevision: revision, version: 1)
    }

    @Test func theOldestWriteGoesWhenMoreComeThanItKeeps() {
        let recent = RecentWrites(capacity: 2)
        for (revision, name) in [(1, "a"), (2, "b"), (3, "c")] {
            recent.record(pod(name), at: "/registry/pods/default/\(name)", revision: Int64(revision))
        }
        #expect(recent.object(writtenAs: stored("/registry/pods/default/a", revision: 1)) == nil)
        #expect((recent.object(writtenAs: stored("/registry/pods/default/b", revision: 2)) as? Pod)?.name == "b")
        #expect((recent.object(writtenAs: stored("/registry/pods/default/c", revision: 3)) as? Pod)?.name == "c")
        // The same key at another revision is another value.
        #expect(recent.object(writtenAs: stored("/registry/pods/default/c", revision: 4)) == nil)
        // A key written again is kept from its last write, and its older write is gone.
        recent.record(pod("b"), at: "/registry/pods/default/b", revision: 4)
        recent.record(pod("d"), at: "/registry/pods/default/d", revision: 5)
        #expect(recent.object(writtenAs: stored("/registry/pods/default/b", revision: 2)) == nil)
        #expect(recent.object(writtenAs: stored("/registry/pods/default/b", revision: 4)) != nil)
        recent.record(pod("e"), at: "/registry/pods/default/e", revision: 6)
        #expect(recent.object(writtenAs: stored("/registry/pods/default/b", revision: 4)) == nil)
    }

    @Test func everyKindOfWriteIsRememberedAsItsBytesDecode() async throws {
        let server = APIServer(store: MemoryStore())
        try await server.ensureDefaultNamespace()
        let key = StorageKey.key(of: Pod.resource, namespace: "default", name: "p")
        let remembered = { () async throws -> Pod? in
            let stored = try await server.store.get(key)
            let object = server.recentWrites.object(writtenAs: stored) as? Pod
            // Remembered means equal to what any other reader decodes.
            if let object { #expect(object == (try ObjectCodec.decode(Pod.self, from: stored))) }
            return object
        }
        let created = try await server.create(pod("p"))
        #expect(try await remembered() == created)
        let bound = try await server.bind(created, to: "node-0")
        #expect(try await remembered() == bound)
        var running = bound
        running.status = PodStatus(phase: PodPhase.running)
        let written = try await server.updateStatus(running)
        #expect(try await remembered()?.status?.phase == PodPhase.running && written.status?.phase == PodPhase.running)
        let statuses = try await server.updateStatus(batch: [written])
        #expect(try await remembered() == statuses[0])
    }

    @Test func whatAnotherWriterStoredIsDecodedOnceAndRememberedAsDecoded() async throws {
        let server = APIServer(store: MemoryStore())
        try await server.ensureDefaultNamespace()
        let start = try await server.currentRevision()
        var other = pod("other")
        other.metadata.uid = "u-other"
        let key = StorageKey.key(of: Pod.resource, namespace: "default", name: "other")
        _ = try await server.store.create(key, value: try JSONEncoder().encode(other))
        #expect(server.recentWrites.object(writtenAs: try await server.store.get(key)) == nil)
        var events = try await server.watch(kinds: [Pod.self], after: start).makeAsyncIterator()
        let event = try await events.next()
        #expect((event?.object as? Pod)?.metadata.uid == "u-other")
        let stored = try await server.store.get(key)
        let read = try #require(server.recentWrites.object(writtenAs: stored) as? Pod)
        #expect(read == (try ObjectCodec.decode(Pod.self, from: stored)))
        // A binding over it is remembered from the value read, not from the caller's copy,
        // which need not be what is stored.
        var stale = try #require(event?.object as? Pod)
        stale.metadata.labels = ["edited": "locally"]
        _ = try await server.bind(stale, to: "node-0")
        let boundStored = try await server.store.get(key)
        let rememberedBound = try #require(server.recentWrites.object(writtenAs: boundStored) as? Pod)
        #expect(rememberedBound == (try ObjectCodec.decode(Pod.self, from: boundStored)))
        #expect(rememberedBound.spec.nodeName == "node-0" && rememberedBound.metadata.labels == nil)
        let bound = try await events.next()
        #expect((bound?.object as? Pod)?.spec.nodeName == "node-0" && (bound?.object as? Pod)?.metadata.labels == nil)
    }

    @Test func anOlderValueReadDoesNotReplaceALaterWrite() {
        let recent = RecentWrites(capacity: 8)
        var later = pod("a")
        later.metadata.labels = ["written": "later"]
        recent.record(later, at: "/registry/pods/default/a", revision: 5)
        recent.recordDecoded(pod("a"), at: "/registry/pods/default/a", revision: 3)
        #expect((recent.object(writtenAs: stored("/registry/pods/default/a", revision: 5)) as? Pod)?.metadata.labels == ["written": "later"])
        #expect(recent.object(writtenAs: stored("/registry/pods/default/a", revision: 3)) == nil)
        recent.recordDecoded(pod("a"), at: "/registry/pods/default/a", revision: 7)
        #expect((recent.object(writtenAs: stored("/registry/pods/default/a", revision: 7)) as? Pod)?.metadata.labels == nil)
    }
}
