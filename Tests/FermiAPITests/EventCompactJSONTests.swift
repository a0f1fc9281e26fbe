import FermiAPI
import Foundation
import Testing

/// An Event writes its own JSON as the same bytes its Codable encoding writes, field for field,
/// and leaves to Codable what it does not write itself.
@Suite("Event compact JSON")
struct EventCompactJSONTests {
    static var everyField: Event {
        var metadata = ObjectMeta(name: "web-0.1a2b", namespace: "team-a")
        metadata.generateName = "web-"
        metadata.uid = "uid-1"
        metadata.resourceVersion = "42"
        metadata.generation = 1
        metadata.creationTimestamp = Timestamp(secondsSince1970: 1_800_000_000)
        metadata.deletionTimestamp = Timestamp(secondsSince1970: 1_800_000_100)
        metadata.deletionGracePeriodSeconds = 30
        metadata.labels = ["app": "web", "quote\"d": "tab\there"]
        metadata.annotations = ["note": "line\nbreak", "é": "ünïcode", "": "empty key"]
        metadata.finalizers = ["fermi.dev/a", "b\\c"]
        let reference = ObjectReference(
            kind: "Pod", namespace: "team-a", name: "web-0", uid: "uid-0", apiVersion: "v1", resourceVersion: "41",
            fieldPath: "spec.containers{web}")
        var event = Event(metadata: metadata, involvedObject: reference, reason: "Scheduled", message: "Successfully \"assigned\"", type: "Normal")
        event.source = EventSource(component: "volcano", host: "node-1")
        event.firstTimestamp = Timestamp(secondsSince1970: 1_800_000_000)
        event.lastTimestamp = Timestamp(secondsSince1970: 1_800_000_060)
        event.count = 3
        event.eventTime = MicroTimestamp(microsecondsSince1970: 1_800_000_000_123_456)
        event.series = EventSeries(count: 2, lastObservedTime: MicroTimestamp(microsecondsSince1970: 1_800_000_060_000_001))
        event.action = "Binding"
        event.related = ObjectReference(kind: "Node", name: "node-1")
        event.reportingComponent = "fermi.dev/scheduler"
        event.reportingInstance = "scheduler-0"
        return event
    }

    static var fewFields: Event {
        Event(metadata: ObjectMeta(name: "e"))
    }

    @Test(arguments: [everyField, fewFields, Event(metadata: ObjectMeta())])
    func itsBytesAreWhatCodableWrites(event: Event) throws {
        let written = try JSONValueEncoder.encodeCompactJSONBytes(event)
        let codable = JSONValue.compactJSONBytes(try JSONValueEncoder.encode(event))
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: codable, as: UTF8.self))
    }

    /// The test above covers every field: one added to Event or ObjectMeta and not written
    /// fails here until the writer and `everyField` have it.
    @Test func theFullEventSetsEveryFieldTheWriterClaims() {
        #expect(unsetFields(of: Self.everyField).isEmpty)
        #expect(unsetFields(of: Self.everyField.metadata).sorted() == ["managedFields", "ownerReferences"])
        #expect(unsetFields(of: Self.everyField.involvedObject!).isEmpty)
    }

    @Test func ownerReferencesAndManagedFieldsAreWrittenAsCodableWritesThem() throws {
        var owned = Self.fewFields
        owned.metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "Pod", name: "p", uid: "u", controller: true)]
        owned.metadata.managedFields = [ManagedFieldsEntry(manager: "fermi", operation: "Update", fieldsV1: .object(["f:count": .object([:])]))]
        let written = try JSONValueEncoder.encodeCompactJSONBytes(owned)
        let codable = JSONValue.compactJSONBytes(try JSONValueEncoder.encode(owned))
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: codable, as: UTF8.self))
        #expect(String(decoding: written, as: UTF8.self).contains(#""ownerReferences":[{"apiVersion":"v1","controller":true"#))
    }
}
