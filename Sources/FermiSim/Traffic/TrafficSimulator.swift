import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation
import Synchronization

/// Plays the request load on every InferenceService (LoadModel, ServiceTraffic), one second
/// at a time while there is load, from when the service first becomes Ready; and publishes
/// what the queue proxies would measure as the service's ServingMetrics: at once when the
/// picture changes (a revision's load moves by a tenth, replicas come or go, requests start
/// waiting at the activator), else every 30 s, with a sample for the history each minute.
public final class TrafficSimulator: Reconciler {
    public static let name = "traffic"
    static let inferenceServiceLabel = "serving.kserve.io/inferenceservice"
    static let revisionLabel = "serving.knative.dev/revision"

    private let server: APIServer
    private let clock: any ControlClock
    private let seed: UInt64
    private let services: Informer<InferenceService>
    private let revisions: Informer<Revision>
    private let pods: Informer<Pod>
    private let nodes: Informer<Node>
    private let metrics: Informer<ServingMetrics>
    private let traffic = Mutex([ObjectKey: ServiceTraffic]())

    private init(manager: ControllerManager, seed: UInt64) {
        let informers = manager.informers
        server = manager.server
        clock = manager.clock
        self.seed = seed
        services = informers.informer(InferenceService.self)
        revisions = informers.informer(Revision.self)
        pods = informers.informer(Pod.self)
        nodes = informers.informer(Node.self)
        metrics = informers.informer(ServingMetrics.self)
    }

    public static func controller(in manager: ControllerManager, seed: UInt64 = 0) -> Controller {
        let queue = manager.makeQueue()
        let simulator = TrafficSimulator(manager: manager, seed: seed)
        simulator.pods.addIndex(inferenceServiceLabel) { [$0.metadata.labels?[inferenceServiceLabel] ?? ""] }
        simulator.services.enqueueChanges(in: queue)
        simulator.revisions.enqueueOwners(InferenceService.self, in: queue)
        simulator.pods.onChange { event in
            guard let service = event.object.metadata.labels?[inferenceServiceLabel] else { return }
            queue.add(ObjectKey(namespace: event.object.namespace, name: service))
        }
        return Controller(name: name, queue: queue, reconciler: simulator)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the service; a service gone takes its traffic with it.
        guard let service = services.object(key), service.metadata.deletionTimestamp == nil else {
            _ = traffic.withLock { $0.removeValue(forKey: key) }
            return .done
        }
        let now = Int64(clock.now.date.timeIntervalSince1970.rounded(.down))
        let published = metrics.object(key)?.status
        let load = LoadModel(annotations: service.metadata.annotations)
        // 2: The load starts when the service is first Ready.
        let loadStart =
            published?.loadStartedAt?.secondsSince1970
            ?? (load.hasLoad && Conditions.isTrue("Ready", in: service.status?.conditions) ? now : nil)
        // 3: Play the seconds since the last, against the routes and replicas as they are now.
        let owned = revisions(of: service)
        let inputs = inputs(of: service, revisions: owned, load: load)
        let state = traffic.withLock { states -> ServiceTraffic in
            var state = states[key] ?? ServiceTraffic(second: now, seed: seed, salt: key.description, restored: published)
            state.advance(to: now, loadStart: loadStart, inputs: inputs)
            states[key] = state
            return state
        }
        // 4: Publish what changed.
        var figures = ServingFigures.measure(state, inputs: inputs, revisions: owned, now: now)
        figures.loadStartedAt = loadStart.map { Timestamp(Date(timeIntervalSince1970: TimeInterval($0))) }
        figures.history = ServingFigures.history(published?.history, adding: figures, now: now)
        if ServingFigures.isWorthPublishing(figures, over: published, now: now) {
            try await publish(figures, of: service)
        }
        // 5: Every second while there is load, or its traces are still in the windows.
        let loadOn = loadStart.map { load.isOn(after: .seconds(now - $0)) } ?? false
        return loadOn || state.isSettling ? .requeue(after: .seconds(1)) : .done
    }

    /// The routes, replicas and settings the service's traffic meets now.
    private func inputs(of service: InferenceService, revisions owned: [Revision], load: LoadModel) -> ServiceTraffic.Inputs {
        let routes = (service.status?.components?["predictor"]?.traffic ?? []).compactMap { target in
            target.revisionName.map { ServiceTraffic.Inputs.Route(revision: $0, percent: Int(target.percent ?? 0)) }
        }
        var capacity: [String: Int] = [:]
        var timeout: [String: Double] = [:]
        for revision in owned {
            let concurrency = Int(revision.spec.containerConcurrency ?? 0)
            capacity[revision.name] = load.capacity ?? (concurrency > 0 ? concurrency : 16)
            timeout[revision.name] = Double(revision.spec.timeoutSeconds ?? 300)
        }
        let replicas = pods.objects(index: Self.inferenceServiceLabel, value: service.name)
            .filter { $0.namespace == service.namespace && $0.metadata.deletionTimestamp == nil && $0.status?.phase == PodPhase.running }
            .compactMap { pod -> ServiceTraffic.Inputs.Replica? in
                guard let revision = pod.metadata.labels?[Self.revisionLabel] else { return nil }
                let node = pod.spec.nodeName.flatMap { nodes.object(name: $0) }
                return ServiceTraffic.Inputs.Replica(
                    pod: pod.name, revision: revision, zone: node?.metadata.labels?[WellKnownLabels.zone] ?? "", ready: pod.isReady,
                    costPerSecond: PodUsage.of(pod, on: node, runSeconds: 1).cost)
            }
        let origins = (PlacementAnnotations.zoneSpread(of: service.metadata) ?? []).map { ($0.zone, $0.pods) }
        return ServiceTraffic.Inputs(
            load: load, routes: routes, replicas: replicas, capacity: capacity, timeout: timeout, origins: origins)
    }

    private func revisions(of service: InferenceService) -> [Revision] {
        revisions.objects(in: service.namespace).filter { $0.metadata.labels?[Self.inferenceServiceLabel] == service.name }
    }

    /// Writes the figures as the service's ServingMetrics, made (owned by the service) if
    /// missing.
    private func publish(_ figures: ServingMetricsStatus, of service: InferenceService) async throws {
        if var existing = metrics.object(namespace: service.namespace, name: service.name) {
            existing.status = figures
            do { _ = try await server.updateStatus(existing) } catch APIError.conflict {
                // Written meanwhile by an earlier pass: the next second writes again.
            }
            return
        }
        var metadata = ObjectMeta(name: service.name, namespace: service.namespace)
        metadata.ownerReferences = [
            OwnerReference(
                apiVersion: InferenceService.resource.apiVersion, kind: InferenceService.resource.kind, name: service.name,
                uid: service.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
        ]
        do {
            var created = try await server.create(ServingMetrics(metadata: metadata, spec: ServingMetricsSpec(inferenceService: service.name)))
            created.status = figures
            _ = try await server.updateStatus(created)
        } catch APIError.alreadyExists {}
    }
}
