/// Labels Kubernetes and the device plugins put on nodes, that placement reads.
public enum WellKnownLabels {
    public static let zone = "topology.kubernetes.io/zone"
    public static let region = "topology.kubernetes.io/region"
    public static let hostname = "kubernetes.io/hostname"
    public static let gpuProduct = "nvidia.com/gpu.product"
    public static let gpuCount = "nvidia.com/gpu.count"
}
