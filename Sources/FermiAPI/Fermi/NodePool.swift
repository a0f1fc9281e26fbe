/// A pool of identical simulated nodes (`fermi.dev/v1alpha1`): how many, where (zone and
/// region), of what shape (cores, memory, GPUs and how they are shared), and at what price.
/// The simulator expands a pool into `Node`s and adds or drains nodes as `replicas` changes.
public struct NodePool: StatusHavingObject {
    public static let resource = APIResource(
        group: "fermi.dev", version: "v1alpha1", kind: "NodePool", plural: "nodepools",
        shortNames: ["np"], namespaced: false)

    public var apiVersion = NodePool.resource.apiVersion
    public var kind = NodePool.resource.kind
    public var metadata: ObjectMeta
    public var spec: NodePoolSpec
    public var status: NodePoolStatus?

    public init(metadata: ObjectMeta, spec: NodePoolSpec = NodePoolSpec(), status: NodePoolStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What a pool's nodes are and where they are.
public struct NodePoolSpec: Codable, Hashable, Sendable {
    /// The `Zone` the nodes are in (`cn-beijing-1`); it becomes the nodes'
    /// `topology.kubernetes.io/zone` label.
    public var zone: String?
    /// The region the nodes are in (`cn-beijing`), their `topology.kubernetes.io/region`
    /// label; defaults to the zone's region.
    public var region: String?
    /// How many nodes the pool has; 0 by default.
    public var replicas: Int32?
    /// What each node has: cores, memory, storage, GPUs and RDMA devices.
    public var shape: NodeShape?
    /// Labels put on each of the pool's nodes, beside the topology and GPU labels.
    public var labels: [String: String]?
    /// Taints put on each of the pool's nodes (`nvidia.com/gpu=present:NoSchedule`).
    public var taints: [Taint]?
    /// What an hour of the pool's GPUs and cores costs.
    public var pricing: NodePoolPricing?

    public init(
        zone: String? = nil, region: String? = nil, replicas: Int32? = nil, shape: NodeShape? = nil,
        labels: [String: String]? = nil, taints: [Taint]? = nil, pricing: NodePoolPricing? = nil
    ) {
        self.zone = zone
        self.region = region
        self.replicas = replicas
        self.shape = shape
        self.labels = labels
        self.taints = taints
        self.pricing = pricing
    }
}

/// The machine every node of a pool is.
public struct NodeShape: Codable, Hashable, Sendable {
    /// Cores per node (`64`).
    public var cpu: Quantity?
    /// Memory per node (`256Gi`).
    public var memory: Quantity?
    /// Local ephemeral storage per node (`2Ti`).
    public var ephemeralStorage: Quantity?
    /// The node's accelerators; absent for a CPU-only pool.
    public var gpu: NodeGPU?
    /// RDMA devices per node, offered as `rdma/rdma_shared_device`.
    public var rdmaDevices: Int32?
    /// Pods per node at most; 110 by default, as the kubelet's default.
    public var maxPods: Int32?

    public init(
        cpu: Quantity? = nil, memory: Quantity? = nil, ephemeralStorage: Quantity? = nil,
        gpu: NodeGPU? = nil, rdmaDevices: Int32? = nil, maxPods: Int32? = nil
    ) {
        self.cpu = cpu
        self.memory = memory
        self.ephemeralStorage = ephemeralStorage
        self.gpu = gpu
        self.rdmaDevices = rdmaDevices
        self.maxPods = maxPods
    }
}

/// The accelerators of each node of a pool, and how they are shared.
public struct NodeGPU: Codable, Hashable, Sendable {
    /// The product as the device plugin labels it (`NVIDIA-A100-SXM4-80GB`,
    /// `NVIDIA-H100-80GB-HBM3`, `Ascend910B`); the `nvidia.com/gpu.product` label.
    public var product: String?
    /// Who makes it, which names the extended resource: `nvidia` (`nvidia.com/gpu`) or
    /// `huawei` (`huawei.com/Ascend910`); by default, `huawei` for Ascend products and
    /// `nvidia` otherwise.
    public var vendor: String?
    /// Accelerators per node (`8`).
    public var count: Int32?
    /// Memory of one accelerator (`80Gi`); the `nvidia.com/gpu.memory` label, in MiB.
    public var memory: Quantity?
    /// Partitions each GPU into MIG slices; the node then offers `nvidia.com/mig-<profile>`
    /// instead of whole GPUs.
    public var mig: MIGPartition?
    /// Shares each GPU among several pods by time-slicing.
    public var timeSlicing: GPUTimeSlicing?

    public init(
        product: String? = nil, vendor: String? = nil, count: Int32? = nil, memory: Quantity? = nil,
        mig: MIGPartition? = nil, timeSlicing: GPUTimeSlicing? = nil
    ) {
        self.product = product
        self.vendor = vendor
        self.count = count
        self.memory = memory
        self.mig = mig
        self.timeSlicing = timeSlicing
    }
}

/// How each GPU of a pool is cut into MIG slices of one profile.
public struct MIGPartition: Codable, Hashable, Sendable {
    /// The MIG profile, `<compute slices>g.<memory>gb` (`1g.10gb`, `3g.40gb`).
    public var profile: String?
    /// Slices of that profile per GPU, 1–7.
    public var count: Int32?

    public init(profile: String? = nil, count: Int32? = nil) {
        self.profile = profile
        self.count = count
    }
}

/// GPU sharing by time-slicing, as the NVIDIA device plugin's `sharing.timeSlicing`.
public struct GPUTimeSlicing: Codable, Hashable, Sendable {
    /// How many pods may share one GPU; each GPU is advertised this many times.
    public var replicas: Int32?

    public init(replicas: Int32? = nil) {
        self.replicas = replicas
    }
}

/// What an hour of a pool's resources costs, accrued per pod by the simulator.
public struct NodePoolPricing: Codable, Hashable, Sendable {
    /// ISO 4217 currency code of the prices; `CNY` by default.
    public var currency: String?
    /// Price of one GPU (or one MIG slice's GPU) for one hour (`8.50`).
    public var perGPUHour: Quantity?
    /// Price of one core for one hour (`0.20`).
    public var perCoreHour: Quantity?

    public init(currency: String? = nil, perGPUHour: Quantity? = nil, perCoreHour: Quantity? = nil) {
        self.currency = currency
        self.perGPUHour = perGPUHour
        self.perCoreHour = perCoreHour
    }
}

/// What a pool has now, as the simulator reports it.
public struct NodePoolStatus: Codable, Hashable, Sendable {
    /// The generation of the spec this status describes.
    public var observedGeneration: Int64?
    /// Nodes that exist for the pool.
    public var nodes: Int32?
    /// Nodes that are Ready.
    public var readyNodes: Int32?
    /// GPUs on the pool's nodes (whole devices, before MIG or time-slicing).
    public var totalGPUs: Int32?
    /// GPUs on Ready nodes.
    public var readyGPUs: Int32?
    /// Ready when every node is Ready; Scaling while nodes are added or drained.
    public var conditions: [Condition]?

    public init(
        observedGeneration: Int64? = nil, nodes: Int32? = nil, readyNodes: Int32? = nil,
        totalGPUs: Int32? = nil, readyGPUs: Int32? = nil, conditions: [Condition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.nodes = nodes
        self.readyNodes = readyNodes
        self.totalGPUs = totalGPUs
        self.readyGPUs = readyGPUs
        self.conditions = conditions
    }
}

/// The GPU vendors a pool can name, each with the extended resource its device plugin offers.
public enum GPUVendor {
    public static let nvidia = "nvidia"
    public static let huawei = "huawei"
    public static let all = [nvidia, huawei]

    /// The vendor of a product when the pool does not say: Ascend products are Huawei's.
    public static func of(product: String) -> String {
        product.lowercased().hasPrefix("ascend") ? huawei : nvidia
    }

    /// The extended resource whole accelerators of `vendor` are offered as.
    public static func resourceName(of vendor: String) -> String {
        vendor == huawei ? "huawei.com/Ascend910" : "nvidia.com/gpu"
    }
}
