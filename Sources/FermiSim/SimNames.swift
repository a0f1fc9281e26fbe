import FermiAPI

/// The labels, annotations and resource names the simulator reads and writes.
public enum SimNames {
    /// The pool a node belongs to.
    public static let nodePoolLabel = "fermi.dev/nodepool"
    public static let zoneLabel = WellKnownLabels.zone
    public static let regionLabel = WellKnownLabels.region
    public static let hostnameLabel = WellKnownLabels.hostname

    public static let gpuProductLabel = WellKnownLabels.gpuProduct
    public static let gpuCountLabel = WellKnownLabels.gpuCount
    public static let gpuMemoryLabel = "nvidia.com/gpu.memory"

    public static let nvidiaGPU = AcceleratorResources.nvidiaGPU
    public static let ascendNPU = AcceleratorResources.ascendNPU
    public static let rdmaDevice = "rdma/rdma_shared_device"

    /// Prices a node's pool charges, as decimal text per hour.
    public static let pricePerGPUHourAnnotation = SimAnnotations.pricePerGPUHour
    public static let pricePerCoreHourAnnotation = SimAnnotations.pricePerCoreHour
    public static let currencyAnnotation = SimAnnotations.currency

    /// An injected fault on a node or zone: `Down` while it lasts.
    public static let faultAnnotation = "sim.fermi.dev/fault"
    /// Failed GPU indices on a node, comma-separated (`0,3`).
    public static let failedGPUsAnnotation = "sim.fermi.dev/failed-gpus"

    /// The taint a draining node carries, as `kubectl drain` cordons it.
    public static let unschedulableTaint = "node.kubernetes.io/unschedulable"

    /// The extended resource a pod's GPUs are counted under, every name a device plugin offers.
    public static func isAccelerator(_ resource: String) -> Bool {
        AcceleratorResources.contains(resource)
    }
}
