import FermiAPI
import FermiAPIServer
import Synchronization

/// Records `Event`s about objects, as client-go's recorder does: the same reason and message
/// about the same object again is one Event whose count goes up and whose last time moves,
/// not a new one. Events are best effort: a failure to record one never fails a reconcile.
public final class EventRecorder: Sendable {
    private let server: APIServer
    private let clock: any ControlClock
    /// The component named as the events' source (`scheduler`, `kubelet`, ...).
    public let component: String
    private let failed = Mutex(0)
    /// What this recorder last wrote of each event: enough to count a repeat without reading
    /// the event back. Forgotten when another writer got there first.
    private let written = Mutex<[String: (resourceVersion: String, count: Int32, first: Timestamp)]>([:])

    public init(server: APIServer, clock: any ControlClock, component: String) {
        self.server = server
        self.clock = clock
        self.component = component
    }

    /// How many events could not be written.
    public var failureCount: Int {
        failed.withLock { $0 }
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

    /// Records many occurrences: those new to this recorder are created together in one write
    /// to the store; repeats, and any whose Event turns out to exist, are counted one by one.
    public func record(_ occurrences: [Occurrence]) async {
        var fresh: [Event] = []
        var freshOccurrences: [Occurrence] = []
        var repeats: [Occurrence] = []
        var names = Set<String>()
        for occurrence in occurrences {
            let event = newEvent(occurrence.object, type: occurrence.type, reason: occurrence.reason, message: occurrence.message)
            let name = event.metadata.name ?? ""
            if written.withLock({ $0[name] != nil }) || !names.insert(name).inserted {
                repeats.append(occurrence)
            } else {
                fresh.append(event)
                freshOccurrences.append(occurrence)
            }
        }
        if !fresh.isEmpty {
            if let created = try? await server.create(batch: fresh) {
                for (index, event) in created.enumerated() {
                    guard let event else {
                        repeats.append(freshOccurrences[index])
                        continue
                    }
                    written.withLock {
                        $0[event.metadata.name ?? ""] = (event.metadata.resourceVersion ?? "", event.count ?? 1, event.firstTimestamp ?? Timestamp(clock.now.date))
                    }
                }
            } else {
                repeats += freshOccurrences
            }
        }
        for occurrence in repeats {
            await record(occurrence.object, type: occurrence.type, reason: occurrence.reason, message: occurrence.message)
        }
    }

    /// Records that `reason` happened to `object`, with a `message` for people.
    public func record(
        _ object: any APIObject, type: String = EventType.normal, reason: String, message: String
    ) async {
        var event = newEvent(object, type: type, reason: reason, message: message)
        let name = event.metadata.name ?? ""
        let namespace = event.metadata.namespace ?? "default"
        let now = event.firstTimestamp ?? Timestamp(clock.now.date)
        for attempt in 0..<3 {
            do {
                var known = written.withLock { $0[name] }
                // A new event is created straight away; only when that finds it exists (another
                // process, or a restart) is it read back.
                if known == nil, attempt > 0, let stored = try? await server.get(Event.self, namespace: namespace, name: name) {
                    known = (stored.metadata.resourceVersion ?? "", stored.count ?? 1, stored.firstTimestamp ?? now)
                }
                let result: Event
                if let known {
                    event.metadata.resourceVersion = known.resourceVersion
                    event.count = known.count + 1
                    event.firstTimestamp = known.first
                    event.lastTimestamp = max(known.first, now)
                    result = try await server.update(event)
                } else {
                    event.count = 1
                    event.firstTimestamp = now
                    event.lastTimestamp = now
                    result = try await server.create(event)
                }
                written.withLock { $0[name] = (result.metadata.resourceVersion ?? "", result.count ?? 1, result.firstTimestamp ?? now) }
                return
            } catch APIError.conflict, APIError.alreadyExists, APIError.notFound {
                // Another writer got there first (or removed it): read it again and count on it.
                written.withLock { $0[name] = nil }
                continue
            } catch {
                break
            }
        }
        failed.withLock { $0 += 1 }
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
