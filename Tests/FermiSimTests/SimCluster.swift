import CoreMetrics
import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiRuntimeTestSupport
import FermiSim

/// A test cluster running the simulator's controllers, with pool and pod builders.
struct SimCluster {
    let base: TestCluster
    var server: APIServer { base.server }
    var clock: ManualClock { base.clock }
    var manager: ControllerManager { base.manager }

    init(seed: UInt64 = 0, metricsFactory: any MetricsFactory = MetricsSystem.factory) async throws {
        base = try await TestCluster(metricsFactory: metricsFactory)
        for controller in Simulator.controllers(in: base.manager, seed: seed) { base.manager.add(controller) }
    }

    /// Seconds of virtual time since `start`.
    func elapsed(since start: EpochInstant) -> Duration {
        start.duration(to: clock.now)
    }

    /// Plays `duration` of virtual time, timer by timer, each handled at its own time.
    func advance(_ duration: Duration) async throws {
        try await manager.runUntilIdle(on: clock, limit: clock.now.advanced(by: duration))
    }

    /// An 8 × A100 pool of `replicas` nodes in `zone`, at ¥8.50 per GPU-hour and ¥0.20 per core-hour.
    static func a100Pool(_ name: String = "a100", replicas: Int32 = 2, zone: String = "cn-beijing-1") -> NodePool {
        NodePool(
            metadata: ObjectMeta(name: name),
            spec: NodePoolSpec(
                zone: zone, replicas: replicas,
                shape: NodeShape(
                    cpu: "64", memory: "256Gi",
                    gpu: NodeGPU(product: "NVIDIA-A100-SXM4-80GB", count: 8, memory: "80Gi"), rdmaDevices: 1),
                pricing: NodePoolPricing(perGPUHour: "8.50", perCoreHour: "0.20")))
    }

    /// A pod bound to `node` asking for `gpus` GPUs and `cpu` cores, with sim annotations.
    static func pod(
        _ name: String, on node: String?, gpus: Int = 8, cpu: String = "32", restartPolicy: String = "Never",
        image: String = "registry.example.com/train:1", annotations: [String: String] = [:]
    ) -> Pod {
        var container = Container()
        container.name = "pytorch"
        container.image = image
        container.resources = ResourceRequirements(
            limits: ["nvidia.com/gpu": Quantity(integer: Int64(gpus)), "cpu": Quantity(cpu)!, "memory": "64Gi"])
        var spec = PodSpec(containers: [container], restartPolicy: restartPolicy)
        spec.nodeName = node
        return Pod(metadata: ObjectMeta(name: name, namespace: "default", annotations: annotations), spec: spec)
    }
}
