/// The extended resources GPUs and NPUs are offered under by their device plugins.
public enum AcceleratorResources {
    public static let nvidiaGPU = "nvidia.com/gpu"
    public static let ascendNPU = "huawei.com/Ascend910"

    /// Whether `resource` counts accelerators: whole GPUs, MIG slices or NPUs.
    public static func contains(_ resource: String) -> Bool {
        resource == nvidiaGPU || resource == ascendNPU || resource.hasPrefix("nvidia.com/mig-")
    }
}
