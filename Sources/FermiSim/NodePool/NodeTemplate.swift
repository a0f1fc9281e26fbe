import FermiAPI
import Foundation

/// The `Node` a pool's shape makes: labels for topology and accelerators, capacity as the
/// device plugins would advertise it, the pool's prices, and a Ready kubelet.
enum NodeTemplate {
    /// The name of node `index` of `pool`.
    static func nodeName(pool: String, index: Int) -> String {
        "\(pool)-\(index)"
    }

    /// The index of a pool's node from its name, if it is one of the pool's.
    static func index(of nodeName: String, pool: String) -> Int? {
        guard nodeName.hasPrefix(pool + "-") else { return nil }
        return Int(nodeName.dropFirst(pool.count + 1))
    }

    /// Node `index` of `pool` (defaulted), in a zone of `region` (the pool's own region wins).
    static func node(pool: NodePool, index: Int, region zoneRegion: String?) -> Node {
        let name = nodeName(pool: pool.name, index: index)
        var metadata = ObjectMeta(name: name, labels: labels(pool: pool, nodeName: name, region: zoneRegion))
        metadata.ownerReferences = [
            OwnerReference(
                apiVersion: NodePool.resource.apiVersion, kind: NodePool.resource.kind, name: pool.name,
                uid: pool.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
        ]
        var annotations: [String: String] = [:]
        if let pricing = pool.spec.pricing {
            annotations[SimNames.pricePerGPUHourAnnotation] = pricing.perGPUHour?.description
            annotations[SimNames.pricePerCoreHourAnnotation] = pricing.perCoreHour?.description
            annotations[SimNames.currencyAnnotation] = pricing.currency
        }
        metadata.annotations = annotations.isEmpty ? nil : annotations
        let spec = NodeSpec(providerID: "fermi://\(pool.name)/\(name)", taints: pool.spec.taints)
        return Node(metadata: metadata, spec: spec)
    }

    static func labels(pool: NodePool, nodeName: String, region zoneRegion: String?) -> [String: String] {
        var labels = pool.spec.labels ?? [:]
        labels[SimNames.hostnameLabel] = nodeName
        labels["kubernetes.io/os"] = "linux"
        labels[SimNames.nodePoolLabel] = pool.name
        if let zone = pool.spec.zone { labels[SimNames.zoneLabel] = zone }
        if let region = pool.spec.region ?? zoneRegion { labels[SimNames.regionLabel] = region }
        let gpu = pool.spec.shape?.gpu
        let ascend = gpu?.vendor == GPUVendor.huawei
        labels["kubernetes.io/arch"] = ascend ? "arm64" : "amd64"
        if let gpu, let product = gpu.product, let count = gpu.count, count > 0 {
            if ascend {
                labels["accelerator"] = "huawei-Ascend910"
                labels["huawei.com/npu.product"] = product
                labels["huawei.com/npu.count"] = String(count)
            } else {
                labels[SimNames.gpuProductLabel] = product
                labels[SimNames.gpuCountLabel] = String(count)
                labels["nvidia.com/gpu.present"] = "true"
                if let memory = gpu.memory {
                    labels[SimNames.gpuMemoryLabel] = "\((memory.value / 1_048_576 as NSDecimalNumber).int64Value)"
                }
                if let profile = gpu.mig?.profile {
                    labels["nvidia.com/mig.strategy"] = "mixed"
                    labels["nvidia.com/mig.config"] = "all-\(profile)"
                }
                if let replicas = gpu.timeSlicing?.replicas {
                    labels["nvidia.com/gpu.replicas"] = String(replicas)
                    labels["nvidia.com/gpu.sharing-strategy"] = "time-slicing"
                }
            }
        }
        return labels
    }

    /// What a node of `shape` offers, less the GPUs in `failedGPUs`.
    static func capacity(of shape: NodeShape?, failedGPUs: Int = 0) -> ResourceList {
        var resources: ResourceList = [:]
        guard let shape else { return ["pods": Quantity(integer: 110)] }
        resources["cpu"] = shape.cpu
        resources["memory"] = shape.memory
        resources["ephemeral-storage"] = shape.ephemeralStorage
        resources["pods"] = Quantity(integer: Int64(shape.maxPods ?? 110))
        if let devices = shape.rdmaDevices, devices > 0 {
            resources[SimNames.rdmaDevice] = Quantity(integer: Int64(devices))
        }
        if let gpu = shape.gpu, let count = gpu.count, count > 0 {
            let working = Int64(max(0, Int(count) - failedGPUs))
            if gpu.vendor == GPUVendor.huawei {
                resources[SimNames.ascendNPU] = Quantity(integer: working)
            } else if let mig = gpu.mig, let profile = mig.profile {
                resources["nvidia.com/mig-\(profile)"] = Quantity(integer: working * Int64(mig.count ?? 1))
            } else {
                resources[SimNames.nvidiaGPU] = Quantity(integer: working * Int64(gpu.timeSlicing?.replicas ?? 1))
            }
        }
        return resources
    }

    /// A pool node's status: capacity, addresses, system info and the given Ready condition.
    static func status(
        of pool: NodePool, index: Int, failedGPUs: Int, ready: NodeCondition, previous: NodeStatus?
    ) -> NodeStatus {
        let capacity = capacity(of: pool.spec.shape, failedGPUs: failedGPUs)
        var status = previous ?? NodeStatus()
        status.capacity = capacity
        status.allocatable = capacity
        status.addresses = [
            NodeAddress(type: "InternalIP", address: address(pool: pool.name, index: index)),
            NodeAddress(type: "Hostname", address: nodeName(pool: pool.name, index: index)),
        ]
        var info = NodeSystemInfo()
        info.kubeletVersion = "v1.31.0-fermi"
        info.containerRuntimeVersion = "fermi-sim://1.0"
        info.osImage = "Simulated Linux"
        info.operatingSystem = "linux"
        info.architecture = pool.spec.shape?.gpu?.vendor == GPUVendor.huawei ? "arm64" : "amd64"
        status.nodeInfo = info
        let pressure = ["MemoryPressure", "DiskPressure", "PIDPressure"].map { type in
            previous?.conditions?.first { $0.type == type }
                ?? NodeCondition(
                    type: type, status: "False",
                    reason: "KubeletHasSufficient\(type.replacingOccurrences(of: "Pressure", with: ""))",
                    message: "kubelet has sufficient resources", lastHeartbeatTime: ready.lastHeartbeatTime,
                    lastTransitionTime: ready.lastTransitionTime)
        }
        status.conditions = pressure + [ready]
        return status
    }

    /// A stable private address for node `index` of `pool`.
    static func address(pool: String, index: Int) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in pool.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return "10.\(hash % 200 + 16).\(index / 250).\(index % 250 + 2)"
    }
}
