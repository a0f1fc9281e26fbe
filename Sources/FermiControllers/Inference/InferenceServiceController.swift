import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The InferenceService controller, as KServe's serverless mode behaves: each change of the
/// predictor makes a new Knative Revision (`<name>-predictor-00001`, ...); traffic goes to the
/// newest ready revision, or is split with the one last rolled out while
/// `canaryTrafficPercent` is set (TrafficSplit); revisions that take no traffic are marked
/// `reserve` and scale to zero. A `fermi://models/NAME/VERSION` storage URI must name a
/// version in the model registry: one that does not blocks the rollout (the revision that
/// serves keeps serving) and says why in modelStatus. Status: the URL, each revision's role
/// and share, the conditions PredictorReady, IngressReady and Ready (and Fermi's Degraded
/// while fewer replicas are ready than minReplicas), and the model's state.
public struct InferenceServiceController: Reconciler {
    public static let name = "inferenceservice"
    /// The domain services are reached under, as Knative's default.
    public static let domain = "example.com"

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let services: Informer<InferenceService>
    let revisions: Informer<Revision>
    let models: Informer<Model>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let controller = InferenceServiceController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "inferenceservice-controller"),
            services: informers.informer(InferenceService.self), revisions: informers.informer(Revision.self),
            models: informers.informer(Model.self))
        controller.services.enqueueChanges(in: queue)
        controller.revisions.enqueueOwners(InferenceService.self, in: queue)
        // A model version registered may unblock a service waiting for it.
        let services = controller.services
        controller.models.onChange { event in
            for service in services.objects(in: event.object.namespace) { queue.add(ObjectKey(service)) }
        }
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the service and its revisions, newest last.
        guard let service = services.object(key), service.metadata.deletionTimestamp == nil, service.spec.predictor != nil else {
            return .done
        }
        let now = Timestamp(clock.now.date)
        var owned = revisions.objects(in: service.namespace)
            .filter { $0.metadata.labels?[PredictorRevision.inferenceServiceLabel] == service.name }
            .sorted { PredictorRevision.number(of: $0) < PredictorRevision.number(of: $1) }
        // 2: The model must be one the registry holds; else the rollout is blocked.
        let modelProblem = modelProblem(of: service)
        // 3: A predictor that changed makes a new revision.
        let hash = PredictorRevision.specHash(of: service)
        if modelProblem == nil, owned.last?.metadata.annotations?[PredictorRevision.specHashAnnotation] != hash {
            let number = (owned.last.map(PredictorRevision.number) ?? 0) + 1
            let revision = try await createRevision(PredictorRevision.revision(of: service, number: number))
            owned.append(revision)
            recorder.record(service, reason: "RevisionCreated", message: "Created revision \(revision.name)")
        }
        // 4: Traffic: the newest ready revision, or a canary split with the last rolled out.
        var status = service.status ?? InferenceServiceStatus()
        let previous = status.components?["predictor"] ?? ComponentStatus()
        let latestReady = owned.last { Conditions.isTrue("Ready", in: $0.status?.conditions) }
        let split = TrafficSplit.split(
            latestReady: latestReady?.name, latestRolledout: previous.latestRolledoutRevision,
            previousRolledout: previous.previousRolledoutRevision, canaryPercent: service.spec.predictor?.component.canaryTrafficPercent,
            urls: { tag in "http://\(tag)-\(PredictorRevision.configurationName(of: service)).\(service.namespace).\(Self.domain)" })
        // 5: Routed revisions (and the newest, to come up) are active; the rest scale to zero.
        let active = split.routed.union(owned.last.map { [$0.name] } ?? [])
        for revision in owned { try await markRouting(revision, active: active.contains(revision.name)) }
        // 6: Status.
        var component = previous
        component.latestCreatedRevision = owned.last?.name
        component.latestReadyRevision = latestReady?.name
        component.latestRolledoutRevision = split.latestRolledout
        component.previousRolledoutRevision = split.previousRolledout
        component.traffic = split.targets.isEmpty ? nil : split.targets
        component.url = "http://\(PredictorRevision.configurationName(of: service)).\(service.namespace).\(Self.domain)"
        component.address = Addressable(url: "http://\(PredictorRevision.configurationName(of: service)).\(service.namespace).svc.cluster.local")
        status.components = ["predictor": component]
        status.url = "http://\(service.name).\(service.namespace).\(Self.domain)"
        status.address = Addressable(url: "http://\(service.name)-predictor.\(service.namespace).svc.cluster.local")
        status.deploymentMode = "Serverless"
        status.observedGeneration = service.metadata.generation
        status.modelStatus = modelStatus(of: owned, split: split, problem: modelProblem, now: now)
        status.conditions = conditions(of: service, revisions: owned, split: split, status: status, now: now)
        if previous.traffic != component.traffic, let targets = component.traffic {
            let shares = targets.map { "\($0.revisionName ?? "") \($0.percent ?? 0)%" }.joined(separator: ", ")
            recorder.record(service, reason: "TrafficSplit", message: "Traffic: \(shares)")
        }
        guard status != service.status else { return .done }
        var next = service
        next.status = status
        _ = try await server.updateStatus(next)
        return .done
    }

    /// Creates `revision`, or returns the one a lost race made.
    private func createRevision(_ revision: Revision) async throws -> Revision {
        do { return try await server.create(revision) } catch APIError.alreadyExists {
            return try await server.get(Revision.self, namespace: revision.namespace, name: revision.name)
        }
    }

    /// Labels `revision` active or reserve, as Knative's route does.
    private func markRouting(_ revision: Revision, active: Bool) async throws {
        let state = active ? "active" : "reserve"
        guard revision.metadata.labels?[PredictorRevision.routingStateLabel] != state else { return }
        var next = revision
        next.metadata.labels?[PredictorRevision.routingStateLabel] = state
        do { _ = try await server.update(next) } catch APIError.conflict {
            // Its status moved meanwhile: the change that follows brings it here again.
        }
    }

    /// Why the service's model cannot be loaded, when it names a registry version that is
    /// not there.
    private func modelProblem(of service: InferenceService) -> String? {
        guard let uri = PredictorRevision.storageURI(of: service.spec.predictor), uri.hasPrefix("fermi://models/") else { return nil }
        let parts = uri.dropFirst("fermi://models/".count).split(separator: "/")
        guard parts.count == 2, let version = Int32(parts[1]) else {
            return "storage URI \(uri) must be fermi://models/NAME/VERSION"
        }
        let name = String(parts[0])
        guard let model = models.object(namespace: service.namespace, name: name) else {
            return "model \(name) is not in the registry of namespace \(service.namespace)"
        }
        guard model.status?.versions?.contains(where: { $0.version == version }) == true else {
            return "model \(name) has no version \(version) (latest: \(model.status?.latestVersion.map(String.init) ?? "none"))"
        }
        return nil
    }

    /// Where the model stands: loaded by the revision that serves and by the newest one, or
    /// blocked by a model that cannot be found.
    private func modelStatus(of revisions: [Revision], split: TrafficSplit, problem: String?, now: Timestamp) -> ModelStatusKServe {
        func state(_ name: String?) -> String {
            guard let revision = revisions.first(where: { $0.name == name }) else { return "Pending" }
            if (revision.status?.actualReplicas ?? 0) > 0 { return "Loaded" }
            if Conditions.isTrue("Ready", in: revision.status?.conditions) { return "Standby" }
            return (revision.status?.desiredReplicas ?? 0) > 0 ? "Loading" : "Pending"
        }
        let newest = revisions.last?.name
        let active = split.latestRolledout.map(state) ?? "Pending"
        var status = ModelStatusKServe(
            transitionStatus: newest == split.latestRolledout && state(newest) != "Pending" ? "UpToDate" : "InProgress",
            modelRevisionStates: ModelRevisionStates(activeModelState: active, targetModelState: state(newest)))
        status.copies = ModelCopies(failedCopies: 0, totalCopies: revisions.last?.status?.actualReplicas ?? 0)
        if let problem {
            status.transitionStatus = "BlockedByFailedLoad"
            status.modelRevisionStates?.targetModelState = "FailedToLoad"
            if split.latestRolledout == nil { status.modelRevisionStates?.activeModelState = "FailedToLoad" }
            status.lastFailureInfo = FailureInfo(reason: "ModelLoadFailed", message: problem, time: now)
        }
        return status
    }

    /// PredictorReady (every revision traffic goes to is ready), IngressReady (the route has
    /// somewhere to send traffic), Ready (both), and Fermi's Degraded.
    private func conditions(
        of service: InferenceService, revisions: [Revision], split: TrafficSplit, status: InferenceServiceStatus, now: Timestamp
    ) -> [Condition] {
        let routed = revisions.filter { split.routed.contains($0.name) }
        let predictorReady = !routed.isEmpty && routed.allSatisfy { Conditions.isTrue("Ready", in: $0.status?.conditions) }
        var conditions = status.conditions ?? []
        let blocked = status.modelStatus?.lastFailureInfo?.message
        let predictor =
            predictorReady
            ? Condition(type: "PredictorReady", status: "True", reason: "RevisionReady", message: "")
            : Condition(
                type: "PredictorReady", status: "False", reason: blocked == nil ? "RevisionMissing" : "ModelLoadFailed",
                message: blocked ?? "Revision \(revisions.last?.name ?? "") has no ready replica yet")
        let ingress =
            predictorReady
            ? Condition(type: "IngressReady", status: "True", reason: "RouteReady", message: "")
            : Condition(type: "IngressReady", status: "False", reason: "RouteNotReady", message: "No ready revision to route traffic to")
        let ready =
            predictorReady
            ? Condition(type: "Ready", status: "True", reason: "ServiceReady", message: "")
            : Condition(type: "Ready", status: "False", reason: predictor.reason, message: predictor.message)
        for condition in [predictor, ingress, ready, degraded(routed: routed, split: split)] {
            conditions = Conditions.setting(conditions, condition, now: now)
        }
        return conditions
    }

    /// Degraded while a revision taking traffic has fewer ready replicas than its minimum.
    private func degraded(routed: [Revision], split: TrafficSplit) -> Condition {
        let serving = Set(split.targets.filter { ($0.percent ?? 0) > 0 }.compactMap(\.revisionName))
        for revision in routed where serving.contains(revision.name) {
            let minimum = AutoscalingSettings(annotations: revision.metadata.annotations).minScale
            let ready = revision.status?.actualReplicas ?? 0
            if ready < minimum, Conditions.find("Ready", in: revision.status?.conditions) != nil {
                return Condition(
                    type: "Degraded", status: "True", reason: "ReplicasBelowMinimum",
                    message: "\(ready) of at least \(minimum) replicas of \(revision.name) are ready")
            }
        }
        return Condition(type: "Degraded", status: "False", reason: "ReplicasAvailable", message: "")
    }
}
