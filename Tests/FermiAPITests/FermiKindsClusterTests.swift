import FermiAPI
import Foundation
import Testing

/// NodePool: the shape of a pool of simulated GPU nodes, its defaults and its rules.
@Suite("Fermi NodePool")
struct FermiKindsNodePoolTests {
    static let a100 = """
        {"apiVersion": "fermi.dev/v1alpha1", "kind": "NodePool",
         "metadata": {"name": "a100-beijing-1"},
         "spec": {"zone": "cn-beijing-1", "region": "cn-beijing", "replicas": 24,
                  "shape": {"cpu": "64", "memory": "256Gi", "ephemeralStorage": "2Ti", "rdmaDevices": 1,
                            "gpu": {"product": "NVIDIA-A100-SXM4-80GB", "count": 8, "memory": "80Gi"}},
                  "labels": {"fermi.dev/pool": "a100"},
                  "taints": [{"key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"}],
                  "pricing": {"perGPUHour": "8.50", "perCoreHour": "0.20"}}}
        """

    @Test func decodesAPoolOfA100sAndDefaultsIt() throws {
        var pool = try decodeObject(NodePool.self, Self.a100)
        #expect(pool.spec.replicas == 24)
        #expect(pool.spec.shape?.gpu?.count == 8)
        #expect(pool.spec.shape?.memory == Quantity("256Gi"))
        #expect(pool.spec.pricing?.perGPUHour == Quantity("8.5"))
        #expect(pool.spec.taints?.first?.summary == "nvidia.com/gpu=present:NoSchedule")
        pool.setDefaults()
        #expect(pool.spec.shape?.gpu?.vendor == "nvidia")
        #expect(pool.spec.shape?.maxPods == 110)
        #expect(pool.spec.pricing?.currency == "CNY")
        #expect(pool.validate().isEmpty)
    }

    @Test func anAscendPoolIsHuaweis() {
        var pool = NodePool(
            metadata: ObjectMeta(name: "ascend"),
            spec: NodePoolSpec(
                zone: "cn-shenzhen-1", shape: NodeShape(cpu: "192", memory: "1Ti", gpu: NodeGPU(product: "Ascend910B", count: 8))))
        pool.setDefaults()
        #expect(pool.spec.shape?.gpu?.vendor == "huawei")
        #expect(GPUVendor.resourceName(of: "huawei") == "huawei.com/Ascend910")
        #expect(pool.spec.replicas == 0)
        #expect(pool.validate().isEmpty)
    }

    @Test func aPoolNamesItsZoneAndShape() {
        let pool = NodePool(metadata: ObjectMeta(name: "p"), spec: NodePoolSpec(replicas: -1))
        #expect(
            pool.validate().map(\.description) == [
                "spec.zone: Required value",
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.shape: Required value: a pool needs a node shape with cpu and memory",
            ])
    }

    @Test func aShapeHasPositiveCoresAndMemory() {
        let pool = NodePool(
            metadata: ObjectMeta(name: "p"), spec: NodePoolSpec(zone: "z", shape: NodeShape(cpu: "0", rdmaDevices: -2)))
        #expect(
            pool.validate().map(\.description) == [
                "spec.shape.cpu: Invalid value: \"0\": must be greater than 0",
                "spec.shape.memory: Required value",
                "spec.shape.rdmaDevices: Invalid value: -2: must be greater than or equal to 0",
            ])
    }

    @Test func GPUsNeedAProduct() {
        let pool = NodePool(
            metadata: ObjectMeta(name: "p"),
            spec: NodePoolSpec(zone: "z", shape: NodeShape(cpu: "8", memory: "32Gi", gpu: NodeGPU(count: 4))))
        #expect(
            pool.validate().map(\.description) == [
                "spec.shape.gpu.product: Required value: a pool with GPUs names their product"
            ])
    }

    @Test func aMIGProfileIsWellFormedAndFitsOneGPU() {
        let pool = NodePool(
            metadata: ObjectMeta(name: "mig"),
            spec: NodePoolSpec(
                zone: "z",
                shape: NodeShape(
                    cpu: "64", memory: "256Gi",
                    gpu: NodeGPU(
                        product: "NVIDIA-A100-SXM4-80GB", count: 8, mig: MIGPartition(profile: "1g10gb", count: 8)))))
        #expect(
            pool.validate().map(\.description) == [
                "spec.shape.gpu.mig.profile: Invalid value: \"1g10gb\": must be a MIG profile such as 1g.10gb or 3g.40gb",
                "spec.shape.gpu.mig.count: Invalid value: 8: must be between 1 and 7, the most MIG slices one GPU holds",
            ])
        var valid = pool
        valid.spec.shape?.gpu?.mig = MIGPartition(profile: "1g.10gb", count: 7)
        #expect(valid.validate().isEmpty)
    }

    @Test func MIGIsOnlyForNVIDIAAndNotWithTimeSlicing() {
        let pool = NodePool(
            metadata: ObjectMeta(name: "p"),
            spec: NodePoolSpec(
                zone: "z",
                shape: NodeShape(
                    cpu: "64", memory: "256Gi",
                    gpu: NodeGPU(
                        product: "Ascend910B", count: 8, mig: MIGPartition(profile: "1g.10gb", count: 7),
                        timeSlicing: GPUTimeSlicing(replicas: 0)))))
        #expect(
            pool.validate().map(\.description) == [
                "spec.shape.gpu.mig: Forbidden: MIG partitioning is only for NVIDIA GPUs",
                "spec.shape.gpu.timeSlicing.replicas: Invalid value: 0: must be greater than or equal to 1",
                "spec.shape.gpu.timeSlicing: Forbidden: may not be set together with mig; a pool shares its GPUs one way",
            ])
    }

    @Test func pricesAreNotNegativeAndTheCurrencyIsACode() {
        var pool = NodePool(
            metadata: ObjectMeta(name: "p"),
            spec: NodePoolSpec(
                zone: "z", shape: NodeShape(cpu: "8", memory: "32Gi"),
                pricing: NodePoolPricing(currency: "yuan", perGPUHour: "-1")))
        #expect(
            pool.validate().map(\.description) == [
                "spec.pricing.perGPUHour: Invalid value: \"-1\": must be greater than or equal to 0",
                "spec.pricing.currency: Invalid value: \"yuan\": must be an ISO 4217 code such as CNY or USD",
            ])
        pool.spec.pricing = nil
        pool.spec.labels = ["bad key!": "v"]
        #expect(pool.validate().map(\.field.description) == ["spec.labels"])
    }

    @Test func nodeTaintsFollowUpstreamRules() {
        let pool = NodePool(
            metadata: ObjectMeta(name: "p"),
            spec: NodePoolSpec(
                zone: "z", shape: NodeShape(cpu: "8", memory: "32Gi"),
                taints: [Taint(key: "nvidia.com/gpu", effect: "Sometimes")]))
        #expect(
            pool.validate().map(\.description) == [
                "spec.taints[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""
            ])
    }

    @Test func roundTripKeepsEveryField() throws {
        var pool = try decodeObject(NodePool.self, Self.a100)
        pool.spec.shape?.gpu?.timeSlicing = GPUTimeSlicing(replicas: 4)
        pool.status = NodePoolStatus(
            observedGeneration: 2, nodes: 24, readyNodes: 23, totalGPUs: 192, readyGPUs: 184,
            conditions: [Condition(type: "Ready", status: "False", reason: "NodeNotReady")])
        #expect(try roundTrip(pool) == pool)
        #expect(try roundTrip(pool).spec.pricing?.perGPUHour?.text == "8.50")
    }
}

/// Zone: region, health and network latencies.
@Suite("Fermi Zone")
struct FermiKindsZoneTests {
    static let json = """
        {"apiVersion": "fermi.dev/v1alpha1", "kind": "Zone", "metadata": {"name": "cn-beijing-1"},
         "spec": {"region": "cn-beijing", "latency": "1.2ms",
                  "peers": [{"zone": "cn-shanghai-1", "latency": "8.5ms"}, {"zone": "cn-shenzhen-1", "latency": "12.3ms"}]}}
        """

    @Test func decodesAndDefaultsToHealthy() throws {
        var zone = try decodeObject(Zone.self, Self.json)
        #expect(zone.spec.peers?.count == 2)
        #expect(GoDuration(zone.spec.peers?[1].latency ?? "")?.duration == .microseconds(12300))
        zone.setDefaults()
        #expect(zone.spec.health == "Healthy")
        #expect(zone.validate().isEmpty)
    }

    @Test func healthIsHealthyDegradedOrDown() {
        let zone = Zone(metadata: ObjectMeta(name: "z"), spec: ZoneSpec(region: "r", health: "Flaky"))
        #expect(
            zone.validate().map(\.description) == [
                "spec.health: Unsupported value: \"Flaky\": supported values: \"Healthy\", \"Degraded\", \"Down\""
            ])
    }

    @Test func aZoneNamesItsRegion() {
        let zone = Zone(metadata: ObjectMeta(name: "z"))
        #expect(zone.validate().map(\.description) == ["spec.region: Required value"])
    }

    @Test func latenciesAreDurationsToOtherZonesOnce() {
        let zone = Zone(
            metadata: ObjectMeta(name: "a"),
            spec: ZoneSpec(
                region: "r", latency: "-1ms",
                peers: [
                    ZonePeer(zone: "b", latency: "2"), ZonePeer(zone: "a", latency: "1ms"),
                    ZonePeer(zone: "c", latency: "1ms"), ZonePeer(zone: "c", latency: "2ms"), ZonePeer(zone: "d"),
                ]))
        #expect(
            zone.validate().map(\.description) == [
                "spec.latency: Invalid value: \"-1ms\": must not be negative",
                "spec.peers[0].latency: Invalid value: \"2\": must be a duration such as 250us, 1.2ms or 30s",
                "spec.peers[1].zone: Invalid value: \"a\": a zone's peers are the other zones",
                "spec.peers[3].zone: Duplicate value: \"c\"",
                "spec.peers[4].latency: Required value",
            ])
    }

    @Test func roundTripKeepsStatus() throws {
        var zone = try decodeObject(Zone.self, Self.json)
        zone.status = ZoneStatus(
            observedGeneration: 1, health: "Degraded", nodes: 16, readyNodes: 12, totalGPUs: 128, allocatedGPUs: 40,
            lastTransitionTime: Timestamp(secondsSince1970: 1_790_000_000))
        #expect(try roundTrip(zone) == zone)
    }
}

/// Image: the catalogue entry, its defaults and the registry's reference rules.
@Suite("Fermi Image")
struct FermiKindsImageTests {
    static let json = """
        {"apiVersion": "fermi.dev/v1alpha1", "kind": "Image", "metadata": {"name": "pytorch-2.1.0-cuda12.1"},
         "spec": {"displayName": "PyTorch 2.1 (CUDA 12.1)", "repository": "pytorch/pytorch",
                  "tag": "2.1.0-cuda12.1-cudnn8-runtime", "category": "official",
                  "frameworks": [{"name": "pytorch", "version": "2.1.0"}], "cudaVersion": "12.1",
                  "pythonVersion": "3.10", "description": "PyTorch with CUDA and cuDNN runtimes.", "size": "7.6Gi"}}
        """

    @Test func decodesACatalogueEntry() throws {
        var image = try decodeObject(Image.self, Self.json)
        #expect(image.spec.frameworks == [ImageFramework(name: "pytorch", version: "2.1.0")])
        #expect(image.spec.size == Quantity("7.6Gi"))
        #expect(image.spec.reference == "pytorch/pytorch:2.1.0-cuda12.1-cudnn8-runtime")
        image.setDefaults()
        #expect(image.spec.category == "official")
        #expect(image.validate().isEmpty)
    }

    @Test func defaultsAreLatestAndCustom() {
        var image = Image(metadata: ObjectMeta(name: "mine"), spec: ImageSpec(repository: "registry.example.com:5000/team/trainer"))
        image.setDefaults()
        #expect(image.spec.tag == "latest")
        #expect(image.spec.category == "custom")
        #expect(image.validate().isEmpty)
    }

    @Test func theRepositoryIsARegistryReference() {
        let image = Image(metadata: ObjectMeta(name: "i"), spec: ImageSpec(repository: "PyTorch/pytorch:2.1", tag: "-bad"))
        #expect(
            image.validate().map(\.description) == [
                "spec.repository: Invalid value: \"PyTorch/pytorch:2.1\": must be an image repository such as pytorch/pytorch or nvcr.io/nvidia/tritonserver (lower case, without a tag)",
                "spec.tag: Invalid value: \"-bad\": must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'",
            ])
        #expect(Image(metadata: ObjectMeta(name: "i")).validate().map(\.description) == ["spec.repository: Required value"])
    }

    @Test func categoryIsOfficialCommunityOrCustom() {
        let image = Image(metadata: ObjectMeta(name: "i"), spec: ImageSpec(repository: "a/b", category: "partner"))
        #expect(
            image.validate().map(\.description) == [
                "spec.category: Unsupported value: \"partner\": supported values: \"official\", \"community\", \"custom\""
            ])
    }

    @Test func onlyCustomImagesAreBuiltAndABuildHasADockerfile() {
        let image = Image(
            metadata: ObjectMeta(name: "i"),
            spec: ImageSpec(repository: "a/b", category: "official", size: "-1Gi", build: ImageBuild()))
        #expect(
            image.validate().map(\.description) == [
                "spec.size: Invalid value: \"-1Gi\": must be greater than or equal to 0",
                "spec.build: Forbidden: only custom images are built; official images are pulled",
                "spec.build.dockerfile: Required value",
            ])
    }

    @Test func roundTripKeepsBuildAndStatus() throws {
        var image = try decodeObject(Image.self, Self.json)
        image.spec.category = "custom"
        image.spec.build = ImageBuild(dockerfile: "FROM pytorch/pytorch\nRUN pip install wandb\n", args: ["V": "1"], duration: "10m")
        image.status = ImageStatus(phase: "Building", reference: image.spec.reference, cachedNodes: 3)
        #expect(try roundTrip(image) == image)
    }
}
