/// The hyperparameters a training container runs with, as experiment records keep them and
/// the simulated training curve depends on them: its env with literal values and its args,
/// leaving out torch's distributed environment that the training operator injects (so a pod
/// and the template it was made from have the same parameters).
public enum Hyperparameters {
    /// The parameters of the trainer in `spec`: its `pytorch` container, else its first.
    public static func of(_ spec: PodSpec?) -> [String: String] {
        let containers = spec?.containers ?? []
        guard let trainer = containers.first(where: { $0.name == PyTorchJob.containerName }) ?? containers.first else { return [:] }
        var parameters: [String: String] = [:]
        for variable in trainer.env ?? [] {
            guard let name = variable.name, let value = variable.value, !isInjected(name) else { continue }
            parameters[name] = value
        }
        if let args = trainer.args, !args.isEmpty { parameters["args"] = args.joined(separator: " ") }
        return parameters
    }

    /// Whether `name` is set by the training operator rather than by the person who wrote
    /// the job.
    static func isInjected(_ name: String) -> Bool {
        ["MASTER_ADDR", "MASTER_PORT", "WORLD_SIZE", "RANK", "PYTHONUNBUFFERED"].contains(name) || name.hasPrefix("PET_")
    }
}
