import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Fluid's runtime controller for Alluxio: a Dataset binds to the AlluxioRuntime of its name.
/// The runtime's cache workers are made one at a time (each placed before the next, so that
/// Fluid's one-to-a-node rule holds), and every node holding one is labelled
/// `fluid.io/s-alluxio-NS-NAME` (with the count of datasets there, and the dataset's name
/// when it is Exclusive), which is how jobs find the cache. Status: the runtime's worker
/// counts and phases; the dataset's phase (NotBound, Bound), its size and cacheStates
/// (cacheCapacity, cached, cachedPercentage), the cache being what DataLoads have loaded up
/// to the tiers' high watermark. The dataset's data is a claim of its name, which pods
/// mount. A dataset that mounts `dataset://NS/NAME` shares another's cache when that one is
/// in its namespace or labelled `fluid.io/shared: "true"`.
public struct AlluxioRuntimeController: Reconciler {
    public static let name = "alluxioruntime"

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let datasets: Informer<Dataset>
    let runtimes: Informer<AlluxioRuntime>
    let loads: Informer<DataLoad>
    let pods: Informer<Pod>
    let nodes: Informer<Node>
    let claims: Informer<PersistentVolumeClaim>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let pods = informers.informer(Pod.self)
        pods.indexByController()
        let controller = AlluxioRuntimeController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "alluxioruntime-controller"),
            datasets: informers.informer(Dataset.self), runtimes: informers.informer(AlluxioRuntime.self),
            loads: informers.informer(DataLoad.self), pods: pods, nodes: informers.informer(Node.self),
            claims: informers.informer(PersistentVolumeClaim.self))
        controller.datasets.enqueueChanges(in: queue)
        controller.runtimes.enqueueChanges(in: queue)
        pods.enqueueOwners(AlluxioRuntime.self, in: queue)
        let datasets = controller.datasets
        controller.loads.onChange { event in
            let target = event.object.spec.dataset
            queue.add(ObjectKey(namespace: target?.namespace ?? event.object.namespace, name: target?.name ?? ""))
        }
        // A dataset shared by reference follows the one it names.
        controller.datasets.onChange { event in
            for other in datasets.unorderedObjects() where Self.reference(of: other) == ObjectKey(event.object) {
                queue.add(ObjectKey(other))
            }
        }
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    /// The dataset another names by `dataset://NS/NAME`, if it does.
    static func reference(of dataset: Dataset) -> ObjectKey? {
        dataset.sharedSource.map { ObjectKey(namespace: $0.namespace, name: $0.name) }
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the dataset and its runtime.
        guard let dataset = datasets.object(key), dataset.metadata.deletionTimestamp == nil else { return .done }
        let now = Timestamp(clock.now.date)
        try await ensureClaim(of: dataset)
        if let target = Self.reference(of: dataset) {
            try await bindReference(dataset, to: target, now: now)
            return .done
        }
        guard let runtime = runtimes.object(key), runtime.metadata.deletionTimestamp == nil else {
            try await writeDataset(dataset, phase: "NotBound", cacheStates: nil, runtime: nil, now: now)
            return .done
        }
        // 2: The nodes that hold the cache say so, before another worker looks for a node.
        let workers = pods.pods(controlledBy: runtime.metadata.uid ?? "").filter { $0.metadata.deletionTimestamp == nil }
        let hosting = Set(workers.compactMap(\.spec.nodeName))
        try await labelNodes(for: dataset, hosting: hosting)
        // 3: Workers, one more once the last is placed.
        let wanted = CacheWorkers.replicas(of: runtime)
        if workers.count < wanted, workers.allSatisfy({ $0.spec.nodeName != nil }) {
            let index = (0..<wanted).first { index in !workers.contains { $0.name == "\(runtime.name)-worker-\(index)" } } ?? workers.count
            do {
                _ = try await server.create(CacheWorkers.pod(index, of: runtime, dataset: dataset))
            } catch APIError.alreadyExists {}
        }
        // 4: Status: workers, the cache, and the dataset bound.
        let ready = workers.filter { $0.status?.phase == PodPhase.running }
        let states = cacheStates(of: dataset, runtime: runtime, readyWorkers: ready.count)
        var status = runtime.status ?? RuntimeStatus()
        status.masterPhase = "Ready"
        status.desiredWorkerNumberScheduled = Int32(wanted)
        status.currentWorkerNumberScheduled = Int32(hosting.count)
        status.workerNumberReady = Int32(ready.count)
        status.workerNumberAvailable = Int32(ready.count)
        status.workerNumberUnavailable = Int32(wanted - ready.count)
        status.workerPhase = ready.count == wanted ? "Ready" : ready.isEmpty ? "NotReady" : "PartialReady"
        status.cacheStates = states
        status.selector = "\(FluidNames.datasetLabel)=\(dataset.namespace)-\(dataset.name)"
        status.conditions = Conditions.setting(
            status.conditions ?? [],
            Condition(
                type: "Ready", status: ready.isEmpty ? "False" : "True", reason: ready.isEmpty ? "WorkersNotReady" : "RuntimeReady",
                message: "\(ready.count) of \(wanted) cache workers ready"),
            now: now)
        if status != runtime.status {
            var next = runtime
            next.status = status
            _ = try await server.updateStatus(next)
        }
        try await writeDataset(dataset, phase: ready.isEmpty ? "NotBound" : "Bound", cacheStates: states, runtime: runtime, now: now)
        return .done
    }

    /// What the cache holds: each ready worker's tiers, filled by the DataLoads of the
    /// dataset up to the high watermark.
    func cacheStates(of dataset: Dataset, runtime: AlluxioRuntime, readyWorkers: Int) -> [String: String] {
        let capacity = CacheWorkers.quota(of: runtime) * Decimal(readyWorkers)
        let loaded = loads.objects(in: nil).filter { load in
            (load.spec.dataset?.name == dataset.name) && (load.spec.dataset?.namespace ?? load.namespace) == dataset.namespace
        }.reduce(Decimal(0)) { $0 + (Decimal(string: $1.status?.infos?[DataLoadController.loadedInfo] ?? "") ?? 0) }
        let size = Self.size(of: dataset)
        let cached = min(loaded, capacity * CacheWorkers.highWatermark(of: runtime), size)
        let percent = size > 0 ? (cached / size * 100 as NSDecimalNumber).doubleValue : 0
        return [
            "cacheCapacity": FluidNames.bytesText(capacity), "cached": FluidNames.bytesText(cached),
            "cachedPercentage": String(format: "%.1f%%", percent),
        ]
    }

    /// The size of the dataset's data.
    static func size(of dataset: Dataset) -> Decimal {
        dataset.metadata.annotations?[FluidNames.sizeAnnotation].flatMap { Quantity($0)?.value } ?? FluidNames.defaultSize
    }

    /// A dataset that names another: Bound to its cache if it may share it.
    private func bindReference(_ dataset: Dataset, to target: ObjectKey, now: Timestamp) async throws {
        guard let shared = datasets.object(target) else {
            try await writeDataset(dataset, phase: "NotBound", cacheStates: nil, runtime: nil, now: now, why: "dataset \(target) does not exist")
            return
        }
        guard target.namespace == dataset.namespace || shared.metadata.labels?[FluidNames.sharedLabel] == "true" else {
            try await writeDataset(
                dataset, phase: "NotBound", cacheStates: nil, runtime: nil, now: now,
                why: "dataset \(target) is private to namespace \(target.namespace)")
            return
        }
        var status = dataset.status ?? DatasetStatus()
        status.phase = shared.status?.phase
        status.cacheStates = shared.status?.cacheStates
        status.runtimes = shared.status?.runtimes
        status.ufsTotal = shared.status?.ufsTotal
        status.conditions = Conditions.setting(
            status.conditions ?? [], Condition(type: "Ready", status: status.phase == "Bound" ? "True" : "False", reason: "SharedDataset", message: "Shares the cache of \(target)"),
            now: now)
        try await write(status, of: dataset)
    }

    private func writeDataset(
        _ dataset: Dataset, phase: String, cacheStates: [String: String]?, runtime: AlluxioRuntime?, now: Timestamp, why: String? = nil
    ) async throws {
        var status = dataset.status ?? DatasetStatus()
        status.phase = phase
        status.ufsTotal = FluidNames.bytesText(Self.size(of: dataset))
        status.cacheStates = cacheStates
        status.mounts = dataset.spec.mounts
        if let runtime {
            status.runtimes = [DatasetRuntime(name: runtime.name, namespace: runtime.namespace, category: "Accelerate", type: "alluxio", masterReplicas: 1)]
            status.hcfs = HCFSStatus(endpoint: "alluxio://\(runtime.name)-master-0.\(runtime.namespace):19998")
        }
        let bound = phase == "Bound"
        status.conditions = Conditions.setting(
            status.conditions ?? [],
            Condition(
                type: "Ready", status: bound ? "True" : "False", reason: bound ? "DatasetReady" : "DatasetNotBound",
                message: why ?? (bound ? "The dataset is bound to its runtime" : "No ready runtime of this name")),
            now: now)
        try await write(status, of: dataset)
    }

    private func write(_ status: DatasetStatus, of dataset: Dataset) async throws {
        guard status != dataset.status else { return }
        var next = dataset
        next.status = status
        _ = try await server.updateStatus(next)
    }

    /// The claim pods mount the dataset by: its own name.
    private func ensureClaim(of dataset: Dataset) async throws {
        guard claims.object(namespace: dataset.namespace, name: dataset.name) == nil else { return }
        var metadata = ObjectMeta(name: dataset.name, namespace: dataset.namespace)
        metadata.labels = [FluidNames.datasetLabel: "\(dataset.namespace)-\(dataset.name)"]
        metadata.ownerReferences = [
            OwnerReference(
                apiVersion: Dataset.resource.apiVersion, kind: Dataset.resource.kind, name: dataset.name, uid: dataset.metadata.uid ?? "",
                controller: true, blockOwnerDeletion: true)
        ]
        var spec = PersistentVolumeClaimSpec()
        spec.accessModes = dataset.spec.accessModes ?? ["ReadOnlyMany"]
        spec.resources = VolumeResourceRequirements(requests: ["storage": Quantity(stringLiteral: "\(Self.size(of: dataset))")])
        do { _ = try await server.create(PersistentVolumeClaim(metadata: metadata, spec: spec)) } catch APIError.alreadyExists {}
    }

    /// Labels the nodes that hold a worker of the dataset, and unlabels those that no longer do.
    private func labelNodes(for dataset: Dataset, hosting: Set<String>) async throws {
        let label = FluidNames.cacheNodeLabel(namespace: dataset.namespace, name: dataset.name)
        let exclusive = dataset.spec.placement == "Exclusive" ? "\(dataset.namespace)_\(dataset.name)" : nil
        for node in nodes.unorderedObjects() {
            var labels = node.metadata.labels ?? [:]
            let holds = hosting.contains(node.name)
            guard holds != (labels[label] != nil) else { continue }
            let count = Int(labels[FluidNames.datasetCountLabel] ?? "0") ?? 0
            if holds {
                labels[label] = "true"
                labels[FluidNames.datasetCountLabel] = String(count + 1)
                if let exclusive { labels[FluidNames.exclusiveLabel] = exclusive }
            } else {
                labels[label] = nil
                labels[FluidNames.datasetCountLabel] = count > 1 ? String(count - 1) : nil
                if labels[FluidNames.exclusiveLabel] == exclusive { labels[FluidNames.exclusiveLabel] = nil }
            }
            var next = node
            next.metadata.labels = labels
            _ = try await server.update(next)
        }
    }
}
