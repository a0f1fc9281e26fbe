extension Instance {
    /// Fills in the type's preset (image, ports, command), the smallest resources the
    /// platform offers, Always restarting, and running.
    public mutating func setDefaults() {
        if spec.type == nil { spec.type = InstanceType.notebook }
        if let preset = InstancePreset.of(type: spec.type ?? "") {
            if spec.image == nil { spec.image = preset.image }
            if spec.ports == nil { spec.ports = preset.ports }
            if spec.command == nil { spec.command = preset.command }
        }
        var resources = spec.resources ?? InstanceResources()
        if resources.gpu == nil { resources.gpu = 0 }
        if resources.cpu == nil { resources.cpu = InstanceLimits.cpu.lowerBound }
        if resources.memory == nil { resources.memory = InstanceLimits.memory.lowerBound }
        if resources.storage == nil { resources.storage = InstanceLimits.storage.lowerBound }
        spec.resources = resources
        for index in spec.ports?.indices ?? [].indices where spec.ports?[index].protocol == nil {
            spec.ports?[index].protocol = "TCP"
        }
        if spec.restartPolicy == nil { spec.restartPolicy = InstanceRestartPolicy.always }
        if spec.running == nil { spec.running = true }
    }
}

/// What a type of instance starts with when the instance does not say.
public struct InstancePreset: Hashable, Sendable {
    public var image: String
    public var ports: [InstancePort]
    public var command: [String]

    /// The preset of `type`; nil for custom (and unknown) types, which must say everything.
    public static func of(type: String) -> InstancePreset? {
        switch type {
        case InstanceType.notebook: notebook
        case InstanceType.training: training
        case InstanceType.inference: inference
        default: nil
        }
    }

    /// JupyterLab on 8888, with TensorBoard and SSH beside it.
    public static let notebook = InstancePreset(
        image: "jupyter-pytorch-notebook:latest",
        ports: [
            InstancePort(name: "jupyter", port: 8888), InstancePort(name: "tensorboard", port: 6006),
            InstancePort(name: "ssh", port: 22),
        ],
        command: ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser"])

    /// A PyTorch box reached over SSH, with TensorBoard.
    public static let training = InstancePreset(
        image: "pytorch:2.1.0-cuda12.1-cudnn8-runtime",
        ports: [InstancePort(name: "ssh", port: 22), InstancePort(name: "tensorboard", port: 6006)],
        command: ["/usr/sbin/sshd", "-D"])

    /// vLLM's OpenAI-compatible server on 8000, with SSH.
    public static let inference = InstancePreset(
        image: "vllm-openai:v0.2.1",
        ports: [InstancePort(name: "http", port: 8000), InstancePort(name: "ssh", port: 22)],
        command: ["python3", "-m", "vllm.entrypoints.openai.api_server", "--host", "0.0.0.0", "--port", "8000"])
}
