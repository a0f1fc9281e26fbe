import FermiAPI
import FermiAPIServer

/// Records `Event`s about objects, as client-go's recorder does: the same reason and message
/// about the same object again is one Event whose count goes up and whose last time moves,
/// not a new one. Recording hands the Event to a broadcaster that writes it in the
/// background, so it never waits on the store; Events are best effort: a failure to write
/// one never fails a reconcile.
public final class EventRecorder: Sendable {
    private let broadcaster: EventBroadcaster
    private let clock: any ControlClock
    /// The component named as the events' source (`scheduler`, `kubelet`, ...).
    public let component: String

    /// A recorder whose Events `broadcaster` writes.
    public init(broadcaster: EventBroadcaster, clock: any ControlClock, component: String) {
        self.broadcaster = broadcaster
        self.clock = clock
        self.component = component
    }

    /// A recorder with a broadcaster of its own, writing to `server`: `flush` before reading
    /// its Events back.
    public convenience init(server: APIServer, clock: any ControlClock, component: String) {
        self.init(broadcaster: EventBroadcaster(server: server), clock: clock, component: component)
    }

    /// How many events its broadcaster could not write.
    public var failureCount: Int {
        broadcaster.failureCount
    }

    /// One occurrence to record.
    public struct Occurrence: Sendable {
        public var object: any APIObject
        public var type: String
        public var reason: String
        public var message: String

        public init(_ object: any APIObject, type: String = EventType.normal, reason: String, message: String) {
            self.object = object
            self.type = type
            self.reason = reason
            self.message = message
        }
    }

    /// Records many occurrences, in order.
    public func record(_ occurrences: [Occurrence]) {
        broadcaster.enqueue(occurrences.map { newEvent($0.object, type: $0.type, reason: $0.reason, message: $0.message) })
    }

    /// Records that `reason` happened to `object`, with a `message` for people.
    public func record(_ object: any APIObject, type: String = EventType.normal, reason: String, message: String) {
        broadcaster.enqueue([newEvent(object, type: type, reason: reason, message: message)])
    }

    /// Returns once everything recorded so far has been written, or given up on.
    public func flush() async {
        await broadcaster.flush()
    }

    /// The Event of a first occurrence of `reason` about `object`, now.
    private func newEvent(_ object: any APIObject, type: String, reason: String, message: String) -> Event {
        let resource = Swift.type(of: object).resource
        let involved = ObjectReference(
            kind: resource.kind, namespace: object.metadata.namespace, name: object.metadata.name,
            uid: object.metadata.uid, apiVersion: resource.apiVersion,
            resourceVersion: object.metadata.resourceVersion)
        // Events about cluster-scoped objects (nodes) live in `default`, as upstream puts them.
        let namespace = resource.namespaced ? (object.metadata.namespace ?? "default") : "default"
        let name = Self.eventName(for: involved, type: type, reason: reason, message: message, component: component)
        let now = Timestamp(clock.now.date)
        var event = Event(
            metadata: ObjectMeta(name: name, namespace: namespace), involvedObject: involved, reason: reason,
            message: message, type: type)
        event.source = EventSource(component: component)
        event.reportingComponent = component
        event.count = 1
        event.firstTimestamp = now
        event.lastTimestamp = now
        return event
    }

    /// One name per (object, type, reason, message, source): the same occurrence again finds
    /// its Event by name, in any process.
    static func eventName(
        for object: ObjectReference, type: String, reason: String, message: String, component: String
    ) -> String {
        let identity = [
            object.apiVersion ?? "", object.kind ?? "", object.namespace ?? "", object.name ?? "",
            object.uid ?? "", type, reason, message, component,
        ].joined(separator: "\u{0}")
        let objectName = String((object.name ?? "object").prefix(200))
        return "\(objectName).\(FNV1a.hash(identity))"
    }
}
