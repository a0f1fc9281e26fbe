import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import FermiStore
import Foundation

/// The scheduler benchmark's cluster and work, made the same from the same seed: nodes of 8
/// GPUs in ten zones over three regions, Volcano queues of weights 1 to N, and gangs of 1 to
/// 8 pods, most pods asking for one GPU and some (data loaders) only for cores.
struct SchedulerWorkload {
    /// One gang: its PodGroup and its pods.
    struct Gang {
        var group: PodGroup
        var pods: [Pod]
    }

    var zones: [Zone] = []
    var nodes: [Node] = []
    var queues: [Queue] = []
    var gangs: [Gang] = []

    static let zoneCount = 10

    init(nodes nodeCount: Int, gangs gangCount: Int, queues queueCount: Int, seed: UInt64) {
        var sequence = 0
        func meta(_ name: String, namespace: String? = nil) -> ObjectMeta {
            sequence += 1
            var metadata = ObjectMeta(name: name, namespace: namespace)
            metadata.uid = String(format: "00000000-0000-4000-8000-%012d", sequence)
            metadata.creationTimestamp = Timestamp(secondsSince1970: 1_767_225_600)
            metadata.generation = 1
            return metadata
        }
        let regionOfZone = (0..<Self.zoneCount).map { $0 < 4 ? "region-a" : $0 < 7 ? "region-b" : "region-c" }
        for zone in 0..<Self.zoneCount {
            zones.append(Zone(metadata: meta("zone-\(zone)"), spec: ZoneSpec(region: regionOfZone[zone], health: ZoneHealth.healthy)))
        }
        let allocatable: ResourceList = ["cpu": "96", "memory": "768Gi", "nvidia.com/gpu": "8", "pods": "110"]
        for index in 0..<nodeCount {
            let zone = index % Self.zoneCount
            var metadata = meta(String(format: "node-%05d", index))
            metadata.labels = [
                WellKnownLabels.zone: "zone-\(zone)", WellKnownLabels.region: regionOfZone[zone],
                "nvidia.com/gpu.product": "NVIDIA-A100-SXM4-80GB", "kubernetes.io/hostname": metadata.name ?? "",
            ]
            nodes.append(
                Node(
                    metadata: metadata,
                    status: NodeStatus(
                        capacity: allocatable, allocatable: allocatable,
                        conditions: [NodeCondition(type: "Ready", status: "True", reason: "KubeletReady")])))
        }
        for queue in 0..<queueCount {
            var created = Queue(metadata: meta("queue-\(queue)"), spec: QueueSpec(weight: Int32(queue + 1)))
            created.setDefaults()
            queues.append(created)
        }
        var random = SplitMix64(seed: seed)
        for index in 0..<gangCount {
            let size = 1 + Int(random.next() % 8)
            let name = String(format: "gang-%05d", index)
            var group = PodGroup(
                metadata: meta(name, namespace: "default"),
                spec: PodGroupSpec(minMember: Int32(size), queue: "queue-\(index % queueCount)"))
            group.setDefaults()
            var pods: [Pod] = []
            for member in 0..<size {
                // Six of every seven pods train on a GPU; the rest load data on cores alone.
                var limits: ResourceList = ["cpu": "4", "memory": "16Gi"]
                if random.next() % 7 != 0 { limits["nvidia.com/gpu"] = "1" }
                var container = Container(name: "main", image: "registry.example.com/train:1")
                container.resources = ResourceRequirements(limits: limits)
                var spec = PodSpec(containers: [container], restartPolicy: "Never")
                spec.schedulerName = VolcanoAnnotations.schedulerName
                var metadata = meta("\(name)-\(member)", namespace: "default")
                metadata.annotations = [VolcanoAnnotations.groupName: name]
                var pod = Pod(metadata: metadata, spec: spec)
                pod.setDefaults()
                pods.append(pod)
            }
            gangs.append(Gang(group: group, pods: pods))
        }
    }

    var podCount: Int { gangs.reduce(0) { $0 + $1.pods.count } }

    /// A store write creating `object` as the API server would store it.
    static func write<T: APIObject>(_ object: T) -> StoreWrite {
        let value = Data(JSONValue.compactJSONBytes(try! JSONValueEncoder.encode(object)))
        return .create(key: StorageKey.key(of: T.resource, namespace: object.namespace, name: object.name), value: value)
    }

    /// The cycle's view of the cluster, for timing one cycle outside the controller.
    func schedulingCycle() -> SchedulingCycle {
        let schedulingNodes = nodes.map { SchedulingNode(node: $0, zoneHealth: ZoneHealth.healthy) }
        let jobs = gangs.map { gang in
            var job = SchedulingJob(key: ObjectKey(gang.group), group: gang.group)
            for pod in gang.pods { job.add(pod) }
            return job
        }
        return SchedulingCycle(
            nodes: schedulingNodes, jobs: jobs, queues: Dictionary(uniqueKeysWithValues: queues.map { ($0.name, $0) }))
    }
}
