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
        await recorder.record(pod, type: EventType.warning, reason: "BackOff", message: "Back-off restarting")
        cluster.clock.advance(by: .seconds(90))
        await recorder.record(pod, type: EventType.warning, reason: "BackOff", message: "Back-off restarting")
        await recorder.record(pod, reason: "Pulled", message: "Image pulled")

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
        await recorder.record(namespace, reason: "Created", message: "namespace created")
        let events = try await cluster.server.list(Event.self, namespace: "default").items
        #expect(events.map(\.involvedObject?.name) == ["team-a"])
    }

    @Test func manyOccurrencesAreRecordedTogetherAndRepeatsStillCountUp() async throws {
        let cluster = try await TestCluster()
        let recorder = EventRecorder(server: cluster.server, clock: cluster.clock, component: "volcano")
        let first = try await cluster.server.create(cluster.configMap("first"))
        let second = try await cluster.server.create(cluster.configMap("second"))
        await recorder.record(first, reason: "Scheduled", message: "assigned")
        let before = try await cluster.server.currentRevision()
        await recorder.record([
            EventRecorder.Occurrence(first, reason: "Scheduled", message: "assigned"),
            EventRecorder.Occurrence(second, reason: "Scheduled", message: "assigned"),
            EventRecorder.Occurrence(second, reason: "Pulled", message: "pulled"),
            EventRecorder.Occurrence(second, reason: "Pulled", message: "pulled"),
        ])
        let events = try await cluster.server.list(Event.self, namespace: "default").items
        let counts = Dictionary(uniqueKeysWithValues: events.map { ("\($0.involvedObject?.name ?? "")/\($0.reason ?? "")", $0.count ?? 0) })
        #expect(counts == ["first/Scheduled": 2, "second/Scheduled": 1, "second/Pulled": 2])
        // Two new events in one write; the two repeats one write each.
        #expect(try await cluster.server.currentRevision() == before + 3)
        #expect(recorder.failureCount == 0)
    }
}
