import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The instance controller: an Instance with `running: true` runs as one pod with its home
/// volume claim mounted; with `running: false` the pod goes (its GPUs and cores with it) and
/// the claim stays, so starting again schedules it anew with its files. It reports the phase
/// (Pending, Creating, Running, Stopping, Stopped, Failed), the node, the ways in, the cost
/// so far (every run's, at its node's prices) and the last activity; it warns ahead of an
/// idle stop (a Warning event and the IdleWarning condition) and then stops it, and warns
/// ahead of its expiry (the ExpiryController deletes it).
public struct InstanceController: Reconciler {
    public static let name = "instance"

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let instances: Informer<Instance>
    let pods: Informer<Pod>
    let claims: Informer<PersistentVolumeClaim>
    let nodes: Informer<Node>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let controller = InstanceController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "instance-controller"),
            instances: informers.informer(Instance.self), pods: informers.informer(Pod.self),
            claims: informers.informer(PersistentVolumeClaim.self), nodes: informers.informer(Node.self))
        controller.instances.enqueueChanges(in: queue)
        controller.pods.enqueueOwners(Instance.self, in: queue)
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    /// How often a running instance's cost is brought up to date.
    static let costPeriod: Duration = .seconds(600)

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the instance and its pod.
        guard var instance = instances.object(key), instance.metadata.deletionTimestamp == nil else { return .done }
        let now = Timestamp(clock.now.date)
        let pod = pods.object(key).flatMap { $0.metadata.ownerReferences?.contains { $0.uid == instance.metadata.uid } == true ? $0 : nil }
        var status = instance.status ?? InstanceStatus()
        // 2: Its files outlive its runs.
        if claims.object(namespace: instance.namespace, name: InstancePod.claimName(of: instance)) == nil {
            do { _ = try await server.create(InstancePod.claim(of: instance)) } catch APIError.alreadyExists {}
        }
        // 3: Idle too long: stopped, after a warning.
        var wake: [Timestamp] = []
        if instance.spec.running == true, let started = status.startTime {
            if let idle = IdleReclaim.schedule(of: instance, startTime: started, now: now) {
                status.lastActivityTime = idle.lastActivity
                if now.secondsSince1970 >= idle.stopAt.secondsSince1970 {
                    instance = try await stopIdle(instance, idle: idle)
                } else if now.secondsSince1970 >= idle.warnAt.secondsSince1970 {
                    warnIdle(instance, status: &status, idle: idle, now: now)
                    wake.append(idle.stopAt)
                } else {
                    status.conditions = Conditions.setting(
                        status.conditions ?? [], Condition(type: "IdleWarning", status: "False", reason: "Active", message: ""), now: now)
                    wake.append(idle.warnAt)
                }
            }
        }
        // 4: Run or stop.
        if instance.spec.running == true {
            try await run(instance, pod: pod, status: &status, now: now)
        } else {
            try await stop(instance, pod: pod, status: &status, now: now)
        }
        // 5: Expiry ahead: a condition (the expiry controller warns and deletes).
        if let expiry = ExpiryController.expiry(of: instance) {
            let lead = ExpiryController.warningLead(of: instance)
            let warned = now.secondsSince1970 >= expiry.secondsSince1970 - lead.components.seconds
            status.conditions = Conditions.setting(
                status.conditions ?? [],
                warned
                    ? Condition(type: "ExpiryWarning", status: "True", reason: "ExpiresSoon", message: "The instance is deleted at \(expiry)")
                    : Condition(type: "ExpiryWarning", status: "False", reason: "NotExpiring", message: ""),
                now: now)
            if !warned { wake.append(expiry.adding(.seconds(-lead.components.seconds))) }
        }
        // 6: Cost, then status.
        let live = status.startTime.flatMap { started in pod.map { cost(of: $0, since: started, now: now) } } ?? 0
        status.costSoFar = Self.money((status.settledCost?.value ?? 0) + live)
        status.observedGeneration = instance.metadata.generation
        if status != instance.status {
            var next = instance
            next.status = status
            _ = try await server.updateStatus(next)
        }
        if status.phase == InstancePhase.running { wake.append(now.adding(Self.costPeriod)) }
        guard let next = wake.filter({ $0.secondsSince1970 > now.secondsSince1970 }).min(by: { $0.secondsSince1970 < $1.secondsSince1970 })
        else { return .done }
        return .requeue(after: .seconds(next.secondsSince1970 - now.secondsSince1970))
    }

    /// Keeps the instance's pod and follows it: Pending until placed, Creating while its image
    /// comes down, Running once ready; a pod that failed is made anew unless the instance
    /// never restarts.
    private func run(_ instance: Instance, pod: Pod?, status: inout InstanceStatus, now: Timestamp) async throws {
        guard let pod, pod.metadata.deletionTimestamp == nil else {
            if pod == nil {
                do { _ = try await server.create(InstancePod.pod(of: instance)) } catch APIError.alreadyExists {}
            }
            set(&status, phase: InstancePhase.pending, reason: "Scheduling", message: "Waiting for a node with room", now: now)
            return
        }
        switch pod.status?.phase {
        case PodPhase.failed?, PodPhase.succeeded?:
            settle(&status, pod: pod, now: now)
            if instance.spec.restartPolicy == InstanceRestartPolicy.never {
                set(&status, phase: InstancePhase.failed, reason: pod.status?.reason ?? "Error", message: pod.status?.message ?? "", now: now)
                return
            }
            try await deletePod(pod)
            set(&status, phase: InstancePhase.pending, reason: "Restarting", message: "The instance's pod ended and is made anew", now: now)
        case PodPhase.running? where pod.isReady:
            if status.phase != InstancePhase.running {
                // Starting it is using it.
                status.startTime = status.startTime ?? now
                status.lastActivityTime = now
                recorder.record(instance, reason: "Started", message: "Instance running on \(pod.spec.nodeName ?? "")")
            }
            status.nodeName = pod.spec.nodeName
            status.endpoints = InstancePod.endpoints(of: instance, pod: pod)
            set(&status, phase: InstancePhase.running, reason: "Running", message: "", now: now)
        default:
            if pod.spec.nodeName == nil {
                let why = pod.condition("PodScheduled")?.message ?? "Waiting for a node with room"
                set(&status, phase: InstancePhase.pending, reason: "Unschedulable", message: why, now: now)
            } else {
                status.nodeName = pod.spec.nodeName
                set(&status, phase: InstancePhase.creating, reason: "ContainerCreating", message: "Pulling \(instance.spec.image ?? "")", now: now)
            }
        }
    }

    /// Lets the pod go (after settling what the run cost), keeping the claim.
    private func stop(_ instance: Instance, pod: Pod?, status: inout InstanceStatus, now: Timestamp) async throws {
        guard let pod else {
            if status.phase != InstancePhase.stopped, status.phase != nil {
                recorder.record(instance, reason: "Stopped", message: "Instance stopped; its GPUs and cores are released, its storage kept")
            }
            status.nodeName = nil
            status.endpoints = nil
            set(&status, phase: InstancePhase.stopped, reason: "Stopped", message: "", now: now)
            return
        }
        settle(&status, pod: pod, now: now)
        if pod.metadata.deletionTimestamp == nil { try await deletePod(pod) }
        set(&status, phase: InstancePhase.stopping, reason: "Stopping", message: "", now: now)
    }

    /// The run that ends is added to the settled cost, once.
    private func settle(_ status: inout InstanceStatus, pod: Pod, now: Timestamp) {
        guard let started = status.startTime else { return }
        status.settledCost = Self.money((status.settledCost?.value ?? 0) + cost(of: pod, since: started, now: now))
        status.startTime = nil
    }

    /// What `pod` has cost since `started`, at its node's prices.
    private func cost(of pod: Pod, since started: Timestamp, now: Timestamp) -> Decimal {
        let node = pod.spec.nodeName.flatMap { nodes.object(name: $0) }
        return PodUsage.of(pod, on: node, runSeconds: max(0, now.secondsSince1970 - started.secondsSince1970)).cost
    }

    private func warnIdle(_ instance: Instance, status: inout InstanceStatus, idle: IdleReclaim, now: Timestamp) {
        let message = "Idle since \(idle.lastActivity); it is stopped at \(idle.stopAt) unless used before then"
        if !Conditions.isTrue("IdleWarning", in: status.conditions) {
            recorder.record(instance, type: EventType.warning, reason: "IdleWarning", message: message)
        }
        status.conditions = Conditions.setting(
            status.conditions ?? [], Condition(type: "IdleWarning", status: "True", reason: "IdleTimeoutSoon", message: message), now: now)
    }

    /// Stops an instance idle for its whole timeout: `running` set to false, as `fermi stop`.
    private func stopIdle(_ instance: Instance, idle: IdleReclaim) async throws -> Instance {
        var next = instance
        next.spec.running = false
        let stopped = try await server.update(next)
        recorder.record(
            instance, type: EventType.warning, reason: "IdleReclaimed",
            message: "Stopped after being idle since \(idle.lastActivity) (idle timeout \(instance.spec.idleTimeout ?? ""))")
        return stopped
    }

    /// An amount of money as the status writes it: to the fen (`42.50`).
    static func money(_ amount: Decimal) -> Quantity {
        Quantity(stringLiteral: PodUsage.text(amount, places: 2))
    }

    private func deletePod(_ pod: Pod) async throws {
        do { try await server.delete(Pod.self, namespace: pod.namespace, name: pod.name) } catch APIError.notFound {}
    }

    private func set(_ status: inout InstanceStatus, phase: String, reason: String, message: String, now: Timestamp) {
        status.phase = phase
        status.reason = reason
        status.message = message.isEmpty ? nil : message
        status.conditions = Conditions.setting(
            status.conditions ?? [],
            Condition(type: "Ready", status: phase == InstancePhase.running ? "True" : "False", reason: reason, message: message), now: now)
    }
}
