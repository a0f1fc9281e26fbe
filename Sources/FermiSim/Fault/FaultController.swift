import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Plays `Fault`s: at each fault's start its target fails (a node or zone is marked Down, a
/// GPU is marked failed on its node) and when its duration is over, or the Fault is deleted,
/// the target recovers. The node lifecycle and kubelet controllers do the rest: nodes go
/// NotReady, pods fail with NodeLost or lose their GPU.
public struct FaultController: Reconciler {
    public static let name = "fault"
    /// Holds a deleted Fault until its target has recovered.
    public static let finalizer = "fermi.dev/fault-recovery"

    let server: APIServer
    let clock: any ControlClock
    let faults: Informer<Fault>
    let nodes: Informer<Node>
    let zones: Informer<Zone>
    let recorder: EventRecorder

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let controller = FaultController(
            server: manager.server, clock: manager.clock, faults: informers.informer(Fault.self),
            nodes: informers.informer(Node.self), zones: informers.informer(Zone.self),
            recorder: manager.eventRecorder(component: "fault-injector"))
        controller.faults.enqueueChanges(in: queue)
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard var fault = faults.object(key), let target = fault.spec.target.flatMap(FaultTarget.init) else { return .done }
        let now = Timestamp(clock.now.date)
        if fault.metadata.deletionTimestamp != nil {
            try await applyFaults(to: target, now: now, excluding: fault.name)
            fault.metadata.finalizers = fault.metadata.finalizers?.filter { $0 != Self.finalizer }
            _ = try await server.update(fault)
            return .done
        }
        if !(fault.metadata.finalizers ?? []).contains(Self.finalizer) {
            fault.metadata.finalizers = (fault.metadata.finalizers ?? []) + [Self.finalizer]
            _ = try await server.update(fault)
            return .done
        }
        let window = Self.window(of: fault)
        var status = fault.status ?? FaultStatus()
        var next: ReconcileResult = .done
        if now < window.start {
            status.phase = FaultPhase.pending
            next = .requeue(after: .seconds(window.start.secondsSince1970 - now.secondsSince1970))
        } else if let end = window.end, now >= end {
            status.phase = FaultPhase.recovered
            status.startedAt = window.start
            status.recoveredAt = end
        } else {
            status.phase = FaultPhase.active
            status.startedAt = window.start
            if let end = window.end { next = .requeue(after: .seconds(end.secondsSince1970 - now.secondsSince1970)) }
        }
        try await applyFaults(to: target, now: now, excluding: nil)
        if status != fault.status {
            let previous = fault.status?.phase
            fault.status = status
            _ = try await server.updateStatus(fault)
            if status.phase == FaultPhase.active, previous != FaultPhase.active {
                recorder.record(fault, type: EventType.warning, reason: "FaultInjected", message: "\(target) failed")
            } else if status.phase == FaultPhase.recovered {
                recorder.record(fault, reason: "FaultRecovered", message: "\(target) recovered")
            }
        }
        return next
    }

    /// When a fault starts and (if it says) ends.
    static func window(of fault: Fault) -> (start: Timestamp, end: Timestamp?) {
        let created = fault.metadata.creationTimestamp ?? Timestamp(secondsSince1970: 0)
        let start =
            fault.spec.at
            ?? Timestamp(
                secondsSince1970: created.secondsSince1970
                    + (fault.spec.after.flatMap(GoDuration.init)?.duration.components.seconds ?? 0))
        let end = fault.spec.duration.flatMap(GoDuration.init).map {
            Timestamp(secondsSince1970: start.secondsSince1970 + $0.duration.components.seconds)
        }
        return (start, end)
    }

    /// Marks `target` as every fault on it says now: failed while any is active, recovered
    /// otherwise (a deleted fault, `excluding`, no longer counts).
    private func applyFaults(to target: FaultTarget, now: Timestamp, excluding: String?) async throws {
        let active = faults.objects().filter { fault in
            guard fault.name != excluding, let other = fault.spec.target.flatMap(FaultTarget.init) else { return false }
            let window = Self.window(of: fault)
            return window.start <= now && (window.end.map { now < $0 } ?? true) && Self.sameObject(other, target)
        }
        switch target {
        case .node(let name), .gpu(let name, _):
            guard let node = nodes.object(name: name) else { return }
            var annotations = node.metadata.annotations ?? [:]
            let down = active.contains { if case .node = FaultTarget($0.spec.target ?? "") { true } else { false } }
            annotations[SimNames.faultAnnotation] = down ? "Down" : nil
            var failed = FailedGPUs()
            for fault in active {
                if case .gpu(_, let index) = FaultTarget(fault.spec.target ?? "") {
                    failed.since[index] = min(failed.since[index] ?? Self.window(of: fault).start, Self.window(of: fault).start)
                }
            }
            annotations[SimNames.failedGPUsAnnotation] = failed.annotation
            try await patchAnnotations(Node.self, name: name, from: node.metadata.annotations ?? [:], to: annotations)
        case .zone(let name):
            guard let zone = zones.object(name: name) else { return }
            var annotations = zone.metadata.annotations ?? [:]
            annotations[SimNames.faultAnnotation] = active.isEmpty ? nil : ZoneHealth.down
            try await patchAnnotations(Zone.self, name: name, from: zone.metadata.annotations ?? [:], to: annotations)
        }
    }

    /// Changes only the annotations that differ, with a merge patch: the status writers of
    /// nodes and zones never conflict with it.
    private func patchAnnotations<T: APIObject>(
        _ type: T.Type, name: String, from old: [String: String], to new: [String: String]
    ) async throws {
        var changes: [String: JSONValue] = [:]
        for key in Set(old.keys).union(new.keys) where old[key] != new[key] {
            changes[key] = new[key].map(JSONValue.string) ?? .null
        }
        guard !changes.isEmpty else { return }
        _ = try await server.patch(
            T.self, namespace: "", name: name, mergePatch: .object(["metadata": .object(["annotations": .object(changes)])]))
    }

    /// Whether two targets fail the same object (any GPU of a node is on that node).
    static func sameObject(_ lhs: FaultTarget, _ rhs: FaultTarget) -> Bool {
        switch (lhs, rhs) {
        case (.zone(let a), .zone(let b)): a == b
        case (.node(let a), .node(let b)), (.node(let a), .gpu(let b, _)), (.gpu(let a, _), .node(let b)),
            (.gpu(let a, _), .gpu(let b, _)):
            a == b
        default: false
        }
    }
}
