import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiRuntimeTestSupport
import FermiSim
import Testing

/// Node pools expand into labelled nodes with device-plugin capacity, report their status,
/// and drain nodes when they shrink.
@Suite("Node pools")
struct NodePoolTests {
    @Test func anA100PoolBecomesReadyNodesWithTopologyGPULabelsAndCapacity() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(Zone(metadata: ObjectMeta(name: "cn-beijing-1"), spec: ZoneSpec(region: "cn-beijing")))
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 3))
        try await cluster.base.running {
            let nodes = try await cluster.server.list(Node.self).items
            #expect(nodes.map(\.name) == ["a100-0", "a100-1", "a100-2"])
            let node = try #require(nodes.first)
            let labels = node.metadata.labels ?? [:]
            #expect(labels["topology.kubernetes.io/zone"] == "cn-beijing-1")
            #expect(labels["topology.kubernetes.io/region"] == "cn-beijing")
            #expect(labels["nvidia.com/gpu.product"] == "NVIDIA-A100-SXM4-80GB")
            #expect(labels["nvidia.com/gpu.count"] == "8")
            #expect(labels["nvidia.com/gpu.memory"] == "81920")
            #expect(node.status?.capacity?["nvidia.com/gpu"] == Quantity(integer: 8))
            #expect(node.status?.capacity?["cpu"] == "64")
            #expect(node.status?.capacity?["memory"] == "256Gi")
            #expect(node.status?.capacity?["rdma/rdma_shared_device"] == Quantity(integer: 1))
            #expect(node.status?.allocatable == node.status?.capacity)
            #expect(NodeConditions.isReady(node))
            #expect(node.metadata.annotations?["sim.fermi.dev/price-per-gpu-hour"] == "8.50")
            #expect(node.metadata.ownerReferences?.first?.kind == "NodePool")

            let pool = try await cluster.server.get(NodePool.self, name: "a100")
            #expect(pool.status?.nodes == 3)
            #expect(pool.status?.readyNodes == 3)
            #expect(pool.status?.totalGPUs == 24)
            #expect(pool.status?.readyGPUs == 24)
            #expect(Conditions.find("Ready", in: pool.status?.conditions)?.status == "True")
            let zone = try await cluster.server.get(Zone.self, name: "cn-beijing-1")
            #expect(zone.status?.nodes == 3)
            #expect(zone.status?.totalGPUs == 24)
        }
    }

    @Test func migTimeSlicedAndAscendPoolsAdvertiseTheirOwnResources() async throws {
        let cluster = try await SimCluster()
        let shapes: [(String, NodeGPU)] = [
            ("mig", NodeGPU(product: "NVIDIA-A100-SXM4-80GB", count: 8, mig: MIGPartition(profile: "1g.10gb", count: 7))),
            ("shared", NodeGPU(product: "NVIDIA-H100-80GB-HBM3", count: 8, timeSlicing: GPUTimeSlicing(replicas: 4))),
            ("ascend", NodeGPU(product: "Ascend910B", count: 8)),
        ]
        for (name, gpu) in shapes {
            _ = try await cluster.server.create(
                NodePool(
                    metadata: ObjectMeta(name: name),
                    spec: NodePoolSpec(zone: "cn-shanghai-1", replicas: 1, shape: NodeShape(cpu: "64", memory: "256Gi", gpu: gpu))))
        }
        try await cluster.base.running {
            let mig = try await cluster.server.get(Node.self, name: "mig-0")
            #expect(mig.status?.capacity?["nvidia.com/mig-1g.10gb"] == Quantity(integer: 56))
            #expect(mig.status?.capacity?["nvidia.com/gpu"] == nil)
            #expect(mig.metadata.labels?["nvidia.com/mig.strategy"] == "mixed")
            let shared = try await cluster.server.get(Node.self, name: "shared-0")
            #expect(shared.status?.capacity?["nvidia.com/gpu"] == Quantity(integer: 32))
            #expect(shared.metadata.labels?["nvidia.com/gpu.replicas"] == "4")
            let ascend = try await cluster.server.get(Node.self, name: "ascend-0")
            #expect(ascend.status?.capacity?["huawei.com/Ascend910"] == Quantity(integer: 8))
            #expect(ascend.metadata.labels?["accelerator"] == "huawei-Ascend910")
            #expect(ascend.status?.nodeInfo?.architecture == "arm64")
        }
    }

    @Test func shrinkingAPoolDrainsTheHighestNodesOnceTheirPodsFinish() async throws {
        let cluster = try await SimCluster()
        _ = try await cluster.server.create(SimCluster.a100Pool(replicas: 3))
        try await cluster.base.running {
            _ = try await cluster.server.create(
                SimCluster.pod("busy", on: "a100-2", annotations: ["sim.fermi.dev/duration": "30m"]))
            try await cluster.advance(.seconds(60))
            var pool = try await cluster.server.get(NodePool.self, name: "a100")
            pool.spec.replicas = 1
            _ = try await cluster.server.update(pool)
            try await cluster.manager.settle()

            #expect(try await cluster.server.list(Node.self).items.map(\.name) == ["a100-0", "a100-2"])
            let draining = try await cluster.server.get(Node.self, name: "a100-2")
            #expect(draining.spec?.unschedulable == true)
            #expect(draining.spec?.taints?.contains { $0.key == "node.kubernetes.io/unschedulable" } == true)
            let scaling = try await cluster.server.get(NodePool.self, name: "a100")
            #expect(Conditions.find("Scaling", in: scaling.status?.conditions)?.status == "True")

            try await cluster.advance(.seconds(30 * 60))
            #expect(try await cluster.server.get(Pod.self, name: "busy").status?.phase == "Succeeded")
            #expect(try await cluster.server.list(Node.self).items.map(\.name) == ["a100-0"])
            let settled = try await cluster.server.get(NodePool.self, name: "a100")
            #expect(settled.status?.nodes == 1)
            #expect(Conditions.find("Scaling", in: settled.status?.conditions)?.status == "False")

            pool = try await cluster.server.get(NodePool.self, name: "a100")
            pool.spec.replicas = 2
            _ = try await cluster.server.update(pool)
            try await cluster.manager.settle()
            #expect(try await cluster.server.list(Node.self).items.map(\.name) == ["a100-0", "a100-1"])
        }
    }
}
