import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The autoscaler: for each PodAutoscaler, the replicas its revision wants (ScaleDecision)
/// from the load its service's ServingMetrics reports, written to the autoscaler's status for
/// the revision controller to keep. Each change of scale is an event on the service and the
/// autoscaler, with the figure it was decided on. It looks again when new figures arrive and
/// when a panic, a scale-down delay or a grace period runs out.
public struct AutoscalerController: Reconciler {
    public static let name = "autoscaler"

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let autoscalers: Informer<PodAutoscaler>
    let metrics: Informer<ServingMetrics>
    let revisions: Informer<Revision>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let controller = AutoscalerController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "autoscaler"),
            autoscalers: informers.informer(PodAutoscaler.self), metrics: informers.informer(ServingMetrics.self),
            revisions: informers.informer(Revision.self))
        controller.autoscalers.enqueueChanges(in: queue)
        // New figures concern every autoscaler of the service.
        let autoscalers = controller.autoscalers
        controller.metrics.onChange { event in
            for autoscaler in autoscalers.objects(in: event.object.namespace)
            where autoscaler.metadata.labels?[PredictorRevision.inferenceServiceLabel] == event.object.name {
                queue.add(ObjectKey(autoscaler))
            }
        }
        controller.revisions.onChange { event in queue.add(ObjectKey(event.object)) }
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the autoscaler, its revision, and the figures of its service.
        guard let autoscaler = autoscalers.object(key), autoscaler.metadata.deletionTimestamp == nil,
            let revision = revisions.object(key)
        else { return .done }
        let now = Timestamp(clock.now.date)
        let settings = AutoscalingSettings(annotations: autoscaler.metadata.annotations)
        let service = autoscaler.metadata.labels?[PredictorRevision.inferenceServiceLabel] ?? ""
        let figures = metrics.object(namespace: key.namespace, name: service)?.status?.revisions?.first { $0.name == key.name }
        let observed = ScaleDecision.Observation(
            stable: Double(Self.figure(settings.metric, stable: true, of: figures) ?? "0") ?? 0,
            panic: Double(Self.figure(settings.metric, stable: false, of: figures) ?? "0") ?? 0,
            readyReplicas: Int(figures?.readyReplicas ?? revision.status?.actualReplicas ?? 0),
            pendingRequests: Int(figures?.pendingRequests ?? 0))
        // 2: Decide. Until it has been ready once, a revision keeps its initial scale.
        let previous = autoscaler.status
        let decision: ScaleDecision
        let neverReady = Conditions.find("Ready", in: revision.status?.conditions)?.status != "True"
        if neverReady, autoscaler.spec.reachability != "Unreachable" {
            let initial = settings.bounded(max(settings.initialScale, settings.minScale))
            decision = ScaleDecision(scale: initial, mode: "Stable", reason: "initial scale", recentScales: [])
        } else {
            decision = ScaleDecision.decide(
                settings: settings, reachable: autoscaler.spec.reachability != "Unreachable", observed: observed, previous: previous, now: now)
        }
        // 3: Status, and an event when the scale changes.
        var status = previous ?? PodAutoscalerStatus()
        let before = status.desiredScale
        status.desiredScale = decision.scale
        status.actualScale = Int32(observed.readyReplicas)
        status.mode = decision.mode
        status.panicSince = decision.panicSince
        status.panicScale = decision.panicScale
        status.recentScales = decision.recentScales.isEmpty ? nil : decision.recentScales
        status.idleSince = decision.idleSince
        status.stableValue = Self.figure(settings.metric, stable: true, of: figures)
        status.panicValue = Self.figure(settings.metric, stable: false, of: figures)
        status.observedGeneration = autoscaler.metadata.generation
        let active = decision.scale > 0 || observed.readyReplicas > 0
        status.conditions = Conditions.setting(
            status.conditions ?? [],
            active
                ? Condition(type: "Active", status: "True", reason: "Activated", message: "")
                : Condition(type: "Active", status: "False", reason: "NoTraffic", message: "The target is not receiving traffic."),
            now: now)
        status.conditions = Conditions.setting(
            status.conditions ?? [], Condition(type: "Ready", status: "True", reason: "Scaling", message: ""), now: now)
        if let before, before != decision.scale {
            announce(decision, from: before, autoscaler: autoscaler, service: service)
        }
        if status != previous {
            var next = autoscaler
            next.status = status
            do { _ = try await server.updateStatus(next) } catch APIError.conflict {
                // Changed meanwhile: the change brings it here again.
            }
        }
        // 4: Look again when something held runs out.
        return Self.nextLook(status, settings: settings, now: now).map { .requeue(after: $0) } ?? .done
    }

    /// The figure the metric scales on, over the stable or the panic window.
    static func figure(_ metric: String, stable: Bool, of figures: RevisionTraffic?) -> String? {
        switch metric {
        case "rps": stable ? figures?.stableRPS : figures?.panicRPS
        case "cpu": figures?.cpuUtilization
        case "memory": figures?.memoryUtilization
        default: stable ? figures?.stableConcurrency : figures?.panicConcurrency
        }
    }

    /// When a panic ends, a delayed drop is due, or a grace period runs out.
    static func nextLook(_ status: PodAutoscalerStatus, settings: AutoscalingSettings, now: Timestamp) -> Duration? {
        var due: [Int64] = []
        if let since = status.panicSince { due.append(since.secondsSince1970 + settings.stableWindow.components.seconds) }
        if let oldest = status.recentScales?.first?.time, status.recentScales?.count ?? 0 > 1 {
            let delay = ScaleDecision.scaleDownDelay(settings)
            due.append(oldest.secondsSince1970 + delay.components.seconds)
        }
        if let idle = status.idleSince { due.append(idle.secondsSince1970 + settings.scaleToZeroGracePeriod.components.seconds) }
        guard let next = due.filter({ $0 > now.secondsSince1970 }).min() else { return nil }
        return .seconds(next - now.secondsSince1970)
    }

    /// An event on the service and the autoscaler saying what was decided and from what.
    private func announce(_ decision: ScaleDecision, from before: Int32, autoscaler: PodAutoscaler, service: String) {
        let reason = decision.scale == 0 ? "ScaledToZero" : before == 0 ? "Activated" : decision.scale > before ? "ScaledUp" : "ScaledDown"
        let message = "\(autoscaler.name): \(before) → \(decision.scale) replicas (\(decision.reason))"
        recorder.record(autoscaler, reason: reason, message: message)
        let target = InferenceService(metadata: ObjectMeta(name: service, namespace: autoscaler.namespace))
        recorder.record(target, reason: reason, message: message)
    }
}
