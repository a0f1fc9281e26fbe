import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Deletes objects whose time is up: any object of any kind that carries
/// `fermi.dev/expires-at` (a moment) or `fermi.dev/expires-after` (a duration after its
/// creation), and Instances by their `spec.expiry` — an inference service deployed for a
/// test goes after its week. A Warning event says so `fermi.dev/warning-lead` ahead (24 h by
/// default), and an `Expired` event when it goes.
public final class ExpiryController: Reconciler {
    public typealias Key = ResourceKey
    public static let name = "expiry"

    private let kinds: KindClients
    private let clock: any ControlClock
    private let recorder: EventRecorder

    private init(manager: ControllerManager) {
        kinds = KindClients(manager: manager)
        clock = manager.clock
        recorder = manager.eventRecorder(component: "expiry-controller")
    }

    public static func controller(in manager: ControllerManager) -> Controller {
        let queue = manager.makeQueue(of: ResourceKey.self)
        let controller = ExpiryController(manager: manager)
        for type in KindClients.ownerKinds(of: manager.server.registry) {
            watch(type, informers: manager.informers, queue: queue)
        }
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    private static func watch<T: APIObject>(_ type: T.Type, informers: InformerSet, queue: WorkQueue<ResourceKey>) {
        informers.informer(T.self).onChange { event in
            if case .deleted = event { return }
            guard expiry(of: event.object) != nil else { return }
            queue.add(ResourceKey(resource: T.resource, key: ObjectKey(event.object)))
        }
    }

    /// When `object` goes, if it does.
    public static func expiry(of object: any APIObject) -> Timestamp? {
        let annotations = object.metadata.annotations ?? [:]
        if let at = annotations[LifetimeAnnotations.expiresAt].flatMap(Timestamp.init(parsing:)) { return at }
        if let after = annotations[LifetimeAnnotations.expiresAfter].flatMap(GoDuration.init)?.duration,
            let created = object.metadata.creationTimestamp
        {
            return created.adding(after)
        }
        return (object as? Instance)?.spec.expiry
    }

    /// How far ahead of its expiry `object` is warned.
    public static func warningLead(of object: any APIObject) -> Duration {
        object.metadata.annotations?[LifetimeAnnotations.warningLead].flatMap(GoDuration.init)?.duration
            ?? LifetimeAnnotations.defaultWarningLead
    }

    public func reconcile(_ key: ResourceKey) async throws -> ReconcileResult {
        guard let client = kinds.client(for: key.resource), let object = client.cached(key.key), object.metadata.deletionTimestamp == nil,
            let expiry = Self.expiry(of: object)
        else { return .done }
        let now = Timestamp(clock.now.date).secondsSince1970
        let warnAt = expiry.secondsSince1970 - Self.warningLead(of: object).components.seconds
        if now >= expiry.secondsSince1970 {
            recorder.record(object, type: EventType.warning, reason: "Expired", message: "Deleted: it expired at \(expiry)")
            try await client.delete(key.key)
            return .done
        }
        if now >= warnAt {
            recorder.record(
                object, type: EventType.warning, reason: "ExpiryWarning",
                message: "\(key.resource.kind) \(key.key.name) expires at \(expiry) and will be deleted then")
            return .requeue(after: .seconds(expiry.secondsSince1970 - now))
        }
        return .requeue(after: .seconds(warnAt - now))
    }
}
