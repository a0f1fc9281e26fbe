import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import FermiRuntimeTestSupport
import FermiSim

/// A test cluster running the scheduler, Volcano's PodGroup and queue controllers, the Job
/// controller, Kueue and the simulator, on a manual clock.
struct SchedulerCluster {
    let base: TestCluster
    var server: APIServer { base.server }
    var clock: ManualClock { base.clock }
    var manager: ControllerManager { base.manager }

    init() async throws {
        base = try await TestCluster()
        for controller in [
            Scheduler.controller(in: base.manager), PodGroupController.controller(in: base.manager),
            QueueStatusController.controller(in: base.manager), GarbageCollector.controller(in: base.manager),
            JobController.controller(in: base.manager), PyTorchJobController.controller(in: base.manager),
            SweepController.controller(in: base.manager), TrainingScheduleController.controller(in: base.manager),
            KueueScheduler.controller(in: base.manager), KueueJobController<PyTorchJob>.controller(in: base.manager),
            KueueJobController<Job>.controller(in: base.manager),
            InferenceServiceController.controller(in: base.manager), RevisionController.controller(in: base.manager),
            AutoscalerController.controller(in: base.manager),
            InstanceController.controller(in: base.manager), ExpiryController.controller(in: base.manager),
            AlluxioRuntimeController.controller(in: base.manager), DataLoadController.controller(in: base.manager),
        ] + Simulator.controllers(in: base.manager) {
            base.manager.add(controller)
        }
    }

    /// Runs `body` against a new cluster whose controllers run meanwhile.
    static func run(_ body: (SchedulerCluster) async throws -> Void) async throws {
        let cluster = try await SchedulerCluster()
        try await cluster.base.running { try await body(cluster) }
    }

    /// Plays `duration` of virtual time.
    func advance(_ duration: Duration) async throws {
        try await manager.runUntilIdle(on: clock, limit: clock.now.advanced(by: duration))
    }

    /// A zone in `region`, with the health its spec declares.
    func zone(_ name: String, region: String = "cn-beijing", health: String = ZoneHealth.healthy) async throws {
        _ = try await server.create(Zone(metadata: ObjectMeta(name: name), spec: ZoneSpec(region: region, health: health)))
    }

    /// A pool of `replicas` 8-GPU nodes of `product` in `zone` (¥8.50 a GPU-hour, ¥0.20 a
    /// core-hour), named `name-0`, `name-1`, ...,
    /// given time to register and report Ready.
    func pool(_ name: String, replicas: Int32, zone: String, product: String = "NVIDIA-A100-SXM4-80GB") async throws {
        _ = try await server.create(
            NodePool(
                metadata: ObjectMeta(name: name),
                spec: NodePoolSpec(
                    zone: zone, replicas: replicas,
                    shape: NodeShape(cpu: "64", memory: "256Gi", gpu: NodeGPU(product: product, count: 8, memory: "80Gi")),
                    pricing: NodePoolPricing(perGPUHour: "8.50", perCoreHour: "0.20"))))
        try await advance(.seconds(30))
    }

    /// A Volcano queue.
    func queue(
        _ name: String, weight: Int32 = 1, capability: ResourceList? = nil, guarantee: ResourceList? = nil,
        reclaimable: Bool? = nil, state: String? = nil
    ) async throws {
        let created = try await server.create(
            Queue(
                metadata: ObjectMeta(name: name),
                spec: QueueSpec(
                    weight: weight, capability: capability, reclaimable: reclaimable,
                    guarantee: guarantee.map { QueueGuarantee(resource: $0) })))
        if let state {
            var closed = created
            closed.status = QueueStatus(state: state)
            _ = try await server.updateStatus(closed)
        }
    }

    /// A gang: a PodGroup of `size` pods each asking for `gpus` GPUs, in `queue`.
    func gang(
        _ name: String, size: Int, gpus: Int, queue: String = "default", minMember: Int? = nil, priorityClass: String? = nil,
        annotations: [String: String]? = nil, minResources: ResourceList? = nil
    ) async throws {
        var metadata = ObjectMeta(name: name, namespace: "default")
        metadata.annotations = annotations
        _ = try await server.create(
            PodGroup(
                metadata: metadata,
                spec: PodGroupSpec(
                    minMember: Int32(minMember ?? size), queue: queue, priorityClassName: priorityClass, minResources: minResources)))
        for index in 0..<size {
            var pod = Self.pod("\(name)-\(index)", gpus: gpus, schedulerName: VolcanoAnnotations.schedulerName)
            pod.metadata.annotations = [VolcanoAnnotations.groupName: name, "sim.fermi.dev/duration": "10h"]
            _ = try await server.create(pod)
        }
    }

    /// Sets a zone's declared health.
    func setHealth(of zone: String, to health: String) async throws {
        var current = try await server.get(Zone.self, name: zone)
        current.spec.health = health
        _ = try await server.update(current)
    }

    /// Does what a gang's job controller does when members fail: deletes each Failed pod of
    /// `gang` and makes a new one in its place.
    func replaceFailedPods(of gang: String, gpus: Int) async throws {
        for pod in try await server.list(Pod.self).items
        where pod.metadata.annotations?[VolcanoAnnotations.groupName] == gang && pod.status?.phase == PodPhase.failed {
            try await server.delete(Pod.self, name: pod.name)
            var replacement = Self.pod(pod.name, gpus: gpus, schedulerName: VolcanoAnnotations.schedulerName)
            replacement.metadata.annotations = pod.metadata.annotations
            _ = try await server.create(replacement)
        }
    }

    /// The zone each named pod is bound in (nil while unbound).
    func zones(of pods: [String]) async throws -> [String: String?] {
        let nodes = try await server.list(Node.self).items
        var result: [String: String?] = [:]
        for name in pods {
            let node = try await pod(name).spec.nodeName
            result[name] = node.flatMap { node in nodes.first { $0.name == node }?.metadata.labels?[WellKnownLabels.zone] }
        }
        return result
    }

    /// A PriorityClass of `value`.
    func priorityClass(_ name: String, value: Int32, preemptionPolicy: String? = nil) async throws {
        _ = try await server.create(
            PriorityClass(metadata: ObjectMeta(name: name), value: value, preemptionPolicy: preemptionPolicy))
    }

    /// Whether each named pod still exists and is bound.
    func bound(_ names: [String]) async throws -> [String: Bool] {
        let pods = try await server.list(Pod.self).items
        return Dictionary(uniqueKeysWithValues: names.map { name in (name, pods.contains { $0.name == name && $0.spec.nodeName != nil }) })
    }

    /// An unbound pod asking for `gpus` GPUs.
    static func pod(_ name: String, gpus: Int, schedulerName: String? = nil) -> Pod {
        var container = Container()
        container.name = "pytorch"
        container.image = "registry.example.com/train:1"
        container.resources = ResourceRequirements(
            limits: ["nvidia.com/gpu": Quantity(integer: Int64(gpus)), "cpu": "8", "memory": "32Gi"])
        var spec = PodSpec(containers: [container], restartPolicy: "Never")
        spec.schedulerName = schedulerName
        return Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    func pod(_ name: String) async throws -> Pod {
        try await server.get(Pod.self, name: name)
    }

    func group(_ name: String) async throws -> PodGroup {
        try await server.get(PodGroup.self, name: name)
    }

    /// The Unschedulable message of a PodGroup, when it is pending.
    func whyPending(_ group: String) async throws -> String? {
        try await self.group(group).status?.conditions?.first { $0.type == "Unschedulable" && $0.status == "True" }?.message
    }

    /// The messages of the events about `name` with `reason`.
    func events(about name: String, reason: String) async throws -> [String] {
        try await server.list(Event.self).items.filter { $0.involvedObject?.name == name && $0.reason == reason }
            .compactMap(\.message)
    }
}
