import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiRuntimeTestSupport
import Testing

/// Events are deduplicated by object, reason and message, counting repeats.
@Suite("Event recorder")
struct EventRecorderTests {
    @Test func theSameEventAgainCountsUpAndMovesItsLastTime() async throws {
        let cluster = try await TestCluster()
        let recorder = EventRecorder(server: cluster.server, clock: cluster.clock, component: "kubelet")
        let pod = try await cluster.server.create(cluster.configMap("trainer"))
        let start = cluster.clock.now
        recorder.record(pod, type: EventType.warning, reason: "BackOff", message: "Back-off restarting")
        cluster.clock.advance(by: .seconds(90))
        recorder.record(pod, type: EventType.warning, reason: "BackOff", message: "Back-off restarting")
        recorder.record(pod, reason: "Pulled", message: "Image pulled")
        await recorder.flush()

        let events = try await cluster.server.list(Event.self, namespace: "default").items
        #expect(events.count == 2)
        let backOff = try #require(events.first { $0.reason == "BackOff" })
        #expect(backOff.count == 2)
        #expect(backOff.type == "Warning")
        #expect(backOff.firstTimestamp == Timestamp(start.date))
        #expect(backOff.lastTimestamp == Timestamp(start.advanced(by: .seconds(90)).date))
        #expect(backOff.involvedObject?.name == "trainer")
        #expect(backOff.involvedObject?.uid == pod.metadata.uid)
        #expect(backOff.source?.component == "kubelet")
        #expect(events.first { $0.reason == "Pulled" }?.count == 1)
        #expect(recorder.failureCount == 0)
    }

    @Test func eventsAboutClusterScopedObjectsGoInDefault() async throws {
        let cluster = try await TestCluster()
        let recorder = EventRecorder(server: cluster.server, clock: cluster.clock, component: "node-controller")
        let namespace = try await cluster.server.create(Namespace(metadata: ObjectMeta(name: "team-a")))
        recorder.record(namespace, reason: "Created", message: "namespace created")
        await recorder.flush()
        let events = try await cluster.server.list(Event.self, namespace: "default").items
        #expect(events.map(\.involvedObject?.name) == ["team-a"])
    }

    @Test func manyOccurrencesAreRecordedTogetherAndRepeatsStillCountUp() async throws {
        let cluster = try await TestCluster()
        let recorder = EventRecorder(server: cluster.server, clock: cluster.clock, component: "volcano")
        let first = try await cluster.server.create(cluster.configMap("first"))
        let second = try await cluster.server.create(cluster.configMap("second"))
        recorder.record(first, reason: "Scheduled", message: "assigned")
        await recorder.flush()
        let before = try await cluster.server.currentRevision()
        recorder.record([
            EventRecorder.Occurrence(first, reason: "Scheduled", message: "assigned"),
            EventRecorder.Occurrence(second, reason: "Scheduled", message: "assigned"),
            EventRecorder.Occurrence(second, reason: "Pulled", message: "pulled"),
            EventRecorder.Occurrence(second, reason: "Pulled", message: "pulled"),
        ])
        await recorder.flush()
        let events = try await cluster.server.list(Event.self, namespace: "default").items
        let counts = Dictionary(uniqueKeysWithValues: events.map { ("\($0.involvedObject?.name ?? "")/\($0.reason ?? "")", $0.count ?? 0) })
        #expect(counts == ["first/Scheduled": 2, "second/Scheduled": 1, "second/Pulled": 2])
        // One batch: second's new Scheduled in one write, first's repeat in another. Then
        // second's Pulled, and its repeat, each in a later batch of its own.
        #expect(try await cluster.server.currentRevision() == before + 4)
        #expect(recorder.failureCount == 0)
    }

    @Test func eachObjectsEventsAreWrittenInTheOrderTheyHappenedAndOthersTogether() async throws {
        let cluster = try await TestCluster()
        let recorder = EventRecorder(server: cluster.server, clock: cluster.clock, component: "kubelet")
        let first = try await cluster.server.create(cluster.configMap("first"))
        let second = try await cluster.server.create(cluster.configMap("second"))
        for reason in ["Pulled", "Created", "Started"] {
            recorder.record(first, reason: reason, message: reason.lowercased())
            recorder.record(second, reason: reason, message: reason.lowercased())
        }
        await recorder.flush()
        let events = try await cluster.server.list(Event.self, namespace: "default").items
        func revisions(of object: String) -> [Int64] {
            ["Pulled", "Created", "Started"].compactMap { reason in
                events.first { $0.involvedObject?.name == object && $0.reason == reason }?.metadata.resourceVersion.flatMap { Int64($0) }
            }
        }
        // Each object's events at three rising revisions, the two objects' side by side.
        #expect(revisions(of: "first").count == 3)
        #expect(revisions(of: "first") == revisions(of: "first").sorted())
        #expect(Set(revisions(of: "first")).count == 3)
        #expect(revisions(of: "first") == revisions(of: "second"))
        #expect(recorder.failureCount == 0)
    }

    @Test func aManagerIsNotSettledUntilItsEventsAreWritten() async throws {
        let cluster = try await TestCluster()
        let pod = try await cluster.server.create(cluster.configMap("trainer"))
        let recorder = cluster.manager.eventRecorder(component: "kubelet")
        recorder.record(pod, reason: "Pulled", message: "pulled")
        // Handed over, not necessarily written yet: the broadcaster is busy until it is.
        #expect(!cluster.manager.events.isIdle)
        try await cluster.running { try await cluster.manager.settle() }
        #expect(cluster.manager.events.isIdle)
        let events = try await cluster.server.list(Event.self, namespace: "default").items
        #expect(events.map(\.reason) == ["Pulled"])
    }

    @Test func aRepeatOfAnEventNoLongerRememberedStillCountsUp() async throws {
        let cluster = try await TestCluster()
        let broadcaster = EventBroadcaster(server: cluster.server, rememberedLimit: 4)
        let recorder = EventRecorder(broadcaster: broadcaster, clock: cluster.clock, component: "kubelet")
        // One more than the broadcaster remembers: the first is forgotten by the time it repeats.
        let objects = (0...4).map { cluster.configMap("settings-\($0)") }
        for object in objects { recorder.record(object, reason: "Synced", message: "synced") }
        await recorder.flush()
        recorder.record(objects[0], reason: "Synced", message: "synced")
        await recorder.flush()
        let events = try await cluster.server.list(Event.self, namespace: "default").items
        #expect(events.count == 5)
        #expect(events.first { $0.involvedObject?.name == "settings-0" }?.count == 2)
        #expect(recorder.failureCount == 0)
    }
}
