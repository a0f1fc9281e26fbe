/// An Event (`v1`): a record of something that happened to an object and why — a pod
/// scheduled, a node not ready — as `fermi describe` shows at the end, deduplicated by count.
public struct Event: APIObject {
    public static let resource = APIResource(
        group: "", version: "v1", kind: "Event", plural: "events", shortNames: ["ev"],
        namespaced: true, hasStatus: false)

    public var apiVersion = Event.resource.apiVersion
    public var kind = Event.resource.kind
    public var metadata: ObjectMeta
    /// The object the event is about.
    public var involvedObject: ObjectReference?
    /// What happened, in one CamelCase word (`FailedScheduling`).
    public var reason: String?
    /// What happened, for people.
    public var message: String?
    /// The component that reported the event (deprecated in favour of reportingComponent).
    public var source: EventSource?
    /// When the event was first recorded.
    public var firstTimestamp: Timestamp?
    /// When the event was most recently recorded.
    public var lastTimestamp: Timestamp?
    /// How many times the event has occurred.
    public var count: Int32?
    /// Normal or Warning.
    public var type: String?
    /// When the event was first observed, to the microsecond.
    public var eventTime: MicroTimestamp?
    /// The series this event belongs to, for repeated events in the newer style.
    public var series: EventSeries?
    /// What was done, or failed, about the involved object (`Binding`, `Preempting`).
    public var action: String?
    /// A second object involved, such as the pod a preemption made room for.
    public var related: ObjectReference?
    /// The controller that emitted the event (`fermi.dev/scheduler`).
    public var reportingComponent: String?
    /// The instance of that controller (`fermi-scheduler-0`).
    public var reportingInstance: String?

    public init(
        metadata: ObjectMeta, involvedObject: ObjectReference? = nil, reason: String? = nil,
        message: String? = nil, type: String? = nil
    ) {
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
    }
}

/// The component, and host, that reported an event.
public struct EventSource: Codable, Hashable, Sendable {
    public var component: String?
    public var host: String?

    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

/// A run of repeated occurrences of an event.
public struct EventSeries: Codable, Hashable, Sendable {
    /// How many times the event has occurred in the series.
    public var count: Int32?
    /// When the last occurrence was observed.
    public var lastObservedTime: MicroTimestamp?

    public init(count: Int32? = nil, lastObservedTime: MicroTimestamp? = nil) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}

/// The types of event.
public enum EventType {
    /// Nothing is wrong.
    public static let normal = "Normal"
    /// Something may be wrong.
    public static let warning = "Warning"
}

extension Event {
    /// The longest reason, action and reportingInstance upstream accepts.
    static let shortFieldLimit = 128
    /// The longest message upstream accepts.
    static let messageLimit = 1024

    /// Upstream's rules for `v1` events. Old-style events (no eventTime) name the involved
    /// object's namespace as their own; new-style events also say who reported what, and why.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let involvedNamespace = involvedObject?.namespace ?? ""
        let namespacePath = FieldPath("involvedObject", "namespace")
        let mismatch = FieldError.invalid(namespacePath, involvedNamespace, "does not match event.namespace")
        if eventTime == nil {
            if let namespace = metadata.namespace {
                if involvedNamespace.isEmpty ? !["", "default"].contains(namespace) : namespace != involvedNamespace {
                    errors.append(mismatch)
                }
            }
            return errors
        }
        if involvedNamespace.isEmpty, let namespace = metadata.namespace,
            !["default", "kube-system"].contains(namespace)
        {
            errors.append(mismatch)
        }
        let component = reportingComponent ?? ""
        if component.isEmpty { errors.append(.required(FieldPath("reportingComponent"))) }
        errors += NameRules.qualifiedName(component).map {
            .invalid(FieldPath("reportingComponent"), component, $0)
        }
        errors += Self.requireShort(reportingInstance, "reportingInstance", limit: Self.shortFieldLimit)
        errors += Self.requireShort(action, "action", limit: Self.shortFieldLimit)
        errors += Self.requireShort(reason, "reason", limit: Self.shortFieldLimit)
        if (message ?? "").utf8.count > Self.messageLimit {
            errors.append(.invalid(FieldPath("message"), "", "can have at most \(Self.messageLimit) characters"))
        }
        return errors
    }

    /// `field` is set and at most `limit` characters long.
    private static func requireShort(_ value: String?, _ field: String, limit: Int) -> [FieldError] {
        let value = value ?? ""
        if value.isEmpty { return [.required(FieldPath(field))] }
        if value.utf8.count > limit {
            return [.invalid(FieldPath(field), "", "can have at most \(limit) characters")]
        }
        return []
    }

    /// Events have no defaults upstream.
    public mutating func setDefaults() {}
}
