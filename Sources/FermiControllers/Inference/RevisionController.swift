import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The revision controller, doing what Knative's revision reconciler and the Deployment under
/// it do together: a PodAutoscaler per revision (reachable while the revision is routed
/// traffic), and as many replica pods as it wants, spread over the zones the revision's
/// `placement.fermi.dev/zones` names (ReplicaZones), a zone that is Down handing its share to
/// the others. Failed replicas are replaced; surplus ones go unready first, newest first,
/// and a ready one only while the rest still make the wanted count (a surge, as a rolling
/// Deployment keeps). Status: ready and wanted replicas, and Ready, Active, ContainerHealthy
/// and ResourcesAvailable.
public struct RevisionController: Reconciler {
    public static let name = "revision"

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let revisions: Informer<Revision>
    let autoscalers: Informer<PodAutoscaler>
    let pods: Informer<Pod>
    let zones: Informer<Zone>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let pods = informers.informer(Pod.self)
        pods.indexByController()
        let controller = RevisionController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "revision-controller"),
            revisions: informers.informer(Revision.self), autoscalers: informers.informer(PodAutoscaler.self), pods: pods,
            zones: informers.informer(Zone.self))
        controller.revisions.enqueueChanges(in: queue)
        controller.autoscalers.enqueueOwners(Revision.self, in: queue)
        pods.enqueueOwners(Revision.self, in: queue)
        // A zone going Down or coming back moves the replicas of spread revisions.
        let revisions = controller.revisions
        controller.zones.onChange { _ in
            for revision in revisions.unorderedObjects() where revision.metadata.annotations?[PlacementAnnotations.zones] != nil {
                queue.add(ObjectKey(revision))
            }
        }
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the revision, its autoscaler and its replicas.
        guard let revision = revisions.object(key), revision.metadata.deletionTimestamp == nil, let uid = revision.metadata.uid else {
            return .done
        }
        let now = Timestamp(clock.now.date)
        let settings = AutoscalingSettings(annotations: revision.metadata.annotations)
        let autoscaler = try await ensureAutoscaler(of: revision)
        let owned = pods.pods(controlledBy: uid).filter { $0.metadata.deletionTimestamp == nil }
        // 2: Failed replicas go (they are made anew below).
        let (failed, live) = owned.partitioned { $0.status?.phase == PodPhase.failed || $0.status?.phase == PodPhase.succeeded }
        for pod in failed { try await delete(pod) }
        // 3: As many as the autoscaler wants; before it has said, the initial scale.
        let routing = revision.metadata.labels?[PredictorRevision.routingStateLabel]
        let wanted: Int32 =
            if let decided = autoscaler.status?.desiredScale { decided } else if routing == "reserve" { 0 } else {
                settings.bounded(max(settings.initialScale, settings.minScale))
            }
        // 4: Per zone, or over the cluster: make what is missing and remove what is surplus.
        let down = Set(zones.unorderedObjects().filter { ($0.status?.health ?? $0.spec.health) == ZoneHealth.down }.map(\.name))
        let spread = PlacementAnnotations.zoneSpread(of: revision.metadata)
        let perZone = spread.flatMap { ReplicaZones.assign(Int(wanted), over: $0, down: down) }
        let byZone = Dictionary(grouping: live) { $0.spec.nodeSelector?[WellKnownLabels.zone] ?? "" }
        var surplus: [Pod] = []
        var made = 0
        if let perZone {
            // Replicas in zones no longer wanted (or Down) are surplus.
            for (zone, zonePods) in byZone where perZone[zone] == nil { surplus += zonePods }
            for (zone, count) in perZone.sorted(by: { $0.key < $1.key }) {
                let here = byZone[zone] ?? []
                for index in 0..<max(0, count - here.count) { try await create(revision, zone: zone, index: made + index, now: now) }
                made += max(0, count - here.count)
                surplus += Self.removalOrder(here).prefix(max(0, here.count - count))
            }
        } else {
            for index in 0..<max(0, Int(wanted) - live.count) { try await create(revision, zone: nil, index: index, now: now) }
            surplus = Array(Self.removalOrder(live).prefix(max(0, live.count - Int(wanted))))
        }
        var ready = live.filter(\.isReady).count
        for pod in surplus {
            if pod.isReady {
                guard ready - 1 >= Int(wanted) else { continue }
                ready -= 1
            }
            try await delete(pod)
        }
        // 5: Status.
        try await writeStatus(of: revision, pods: live, wanted: wanted, now: now)
        return .done
    }

    /// The order surplus replicas go in, as a ReplicaSet picks them: not yet placed, then not
    /// ready, then the newest.
    static func removalOrder(_ pods: [Pod]) -> [Pod] {
        pods.sorted { a, b in
            let rank = { (pod: Pod) in (pod.spec.nodeName == nil ? 0 : 1, pod.isReady ? 1 : 0) }
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            return (a.metadata.creationTimestamp?.secondsSince1970 ?? 0, a.name) > (b.metadata.creationTimestamp?.secondsSince1970 ?? 0, b.name)
        }
    }

    /// The revision's PodAutoscaler, made if missing, its reachability following the
    /// revision's routing state.
    private func ensureAutoscaler(of revision: Revision) async throws -> PodAutoscaler {
        let reachability: String =
            switch revision.metadata.labels?[PredictorRevision.routingStateLabel] {
            case "active": "Reachable"
            case "reserve": "Unreachable"
            default: "Unknown"
            }
        let annotations = (revision.metadata.annotations ?? [:]).filter { $0.key.hasPrefix(AutoscalingSettings.prefix) }
        if var existing = autoscalers.object(namespace: revision.namespace, name: revision.name) {
            guard existing.spec.reachability != reachability || existing.metadata.annotations ?? [:] != annotations else { return existing }
            existing.spec.reachability = reachability
            existing.metadata.annotations = annotations
            do { return try await server.update(existing) } catch APIError.conflict { return existing }
        }
        var metadata = ObjectMeta(name: revision.name, namespace: revision.namespace)
        metadata.labels = revision.metadata.labels?.filter { $0.key != PredictorRevision.routingStateLabel }
        metadata.annotations = annotations
        metadata.ownerReferences = [Self.owner(revision)]
        let autoscaler = PodAutoscaler(
            metadata: metadata,
            spec: PodAutoscalerSpec(
                scaleTargetRef: ObjectReference(kind: Revision.resource.kind, name: revision.name, apiVersion: Revision.resource.apiVersion),
                containerConcurrency: revision.spec.containerConcurrency, reachability: reachability))
        do { return try await server.create(autoscaler) } catch APIError.alreadyExists {
            return try await server.get(PodAutoscaler.self, namespace: revision.namespace, name: revision.name)
        }
    }

    /// Makes one replica, in `zone` when one is given.
    private func create(_ revision: Revision, zone: String?, index: Int, now: Timestamp) async throws {
        let suffix = String(FNV1a.hash("\(revision.metadata.uid ?? "")/\(now.secondsSince1970)/\(index)").suffix(5))
        var metadata = ObjectMeta(name: "\(revision.name)-deployment-\(suffix)", namespace: revision.namespace)
        var labels = (revision.metadata.labels ?? [:]).filter { $0.key != PredictorRevision.routingStateLabel }
        labels[PredictorRevision.revisionLabel] = revision.name
        labels["serving.knative.dev/revisionUID"] = revision.metadata.uid
        metadata.labels = labels
        var annotations = (revision.metadata.annotations ?? [:]).filter {
            $0.key.hasPrefix(SimAnnotations.prefix) || $0.key.hasPrefix(AutoscalingSettings.prefix)
        }
        if annotations[SimAnnotations.kind] == nil { annotations[SimAnnotations.kind] = "inference" }
        metadata.annotations = annotations
        metadata.ownerReferences = [Self.owner(revision)]
        var spec = revision.spec.pod
        spec.restartPolicy = "Always"
        if let zone { spec.nodeSelector = (spec.nodeSelector ?? [:]).merging([WellKnownLabels.zone: zone]) { _, ours in ours } }
        do {
            let pod = try await server.create(Pod(metadata: metadata, spec: spec))
            recorder.record(revision, reason: "Created", message: "Created pod \(pod.name)" + (zone.map { " in zone \($0)" } ?? ""))
        } catch APIError.alreadyExists {
            // Made by an earlier pass at this very moment.
        }
    }

    private func delete(_ pod: Pod) async throws {
        do { try await server.delete(Pod.self, namespace: pod.namespace, name: pod.name) } catch APIError.notFound {}
    }

    /// Ready replicas, the wanted count, and the conditions: Ready once a replica has been
    /// ready (and while the revision is scaled to zero on purpose), Active while it has
    /// replicas, ContainerHealthy unless a replica's container is crash-looping, and
    /// ResourcesAvailable unless a replica cannot be placed.
    private func writeStatus(of revision: Revision, pods: [Pod], wanted: Int32, now: Timestamp) async throws {
        var status = revision.status ?? RevisionStatus()
        let ready = Int32(pods.filter(\.isReady).count)
        status.actualReplicas = ready
        status.desiredReplicas = wanted
        status.observedGeneration = revision.metadata.generation
        status.containerStatuses = revision.spec.pod.containers?.map {
            RevisionContainerStatus(name: $0.name, imageDigest: $0.image.map { "\($0)@sha256:\(FNV1a.hash($0))" })
        }
        let crashing = pods.first { $0.status?.containerStatuses?.contains { $0.state?.waiting?.reason == "CrashLoopBackOff" } == true }
        let unplaced = pods.first { $0.spec.nodeName == nil && $0.condition("PodScheduled")?.status == "False" }
        let wasReady = Conditions.isTrue("Ready", in: status.conditions)
        var conditions: [Condition] = [
            ready > 0 || wanted > 0
                ? Condition(type: "Active", status: "True", reason: "Activated", message: "")
                : Condition(type: "Active", status: "False", reason: "NoTraffic", message: "The target is not receiving traffic."),
            crashing.map {
                Condition(type: "ContainerHealthy", status: "False", reason: "CrashLoopBackOff", message: "Container of \($0.name) is restarting after failing")
            } ?? Condition(type: "ContainerHealthy", status: "True", reason: "Healthy", message: ""),
            unplaced.map {
                Condition(
                    type: "ResourcesAvailable", status: "False", reason: "Unschedulable",
                    message: $0.condition("PodScheduled")?.message ?? "\($0.name) cannot be placed")
            } ?? Condition(type: "ResourcesAvailable", status: "True", reason: "Available", message: ""),
        ]
        if ready > 0 || (wanted == 0 && wasReady) {
            conditions.append(Condition(type: "Ready", status: "True", reason: ready > 0 ? "Ready" : "ScaledToZero", message: ""))
        } else {
            let why = unplaced != nil ? "Unschedulable" : crashing != nil ? "ContainerUnhealthy" : "Deploying"
            conditions.append(Condition(type: "Ready", status: "False", reason: why, message: "\(ready) of \(wanted) replicas ready"))
        }
        for condition in conditions { status.conditions = Conditions.setting(status.conditions ?? [], condition, now: now) }
        guard status != revision.status else { return }
        var next = revision
        next.status = status
        do { _ = try await server.updateStatus(next) } catch APIError.conflict {
            // Its labels moved meanwhile: the change brings it here again.
        }
    }

    static func owner(_ revision: Revision) -> OwnerReference {
        OwnerReference(
            apiVersion: Revision.resource.apiVersion, kind: Revision.resource.kind, name: revision.name,
            uid: revision.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
    }
}
