/// The platform's ranges for what one instance may ask for.
public enum InstanceLimits {
    public static let gpu: ClosedRange<Int32> = 0...8
    public static let cpu: ClosedRange<Quantity> = "4"..."128"
    public static let memory: ClosedRange<Quantity> = "16Gi"..."1Ti"
    public static let storage: ClosedRange<Quantity> = "50Gi"..."2Ti"
}

extension Instance {
    /// An instance has a DNS-1123 label for a name (it names the instance's service), a known
    /// type, an image, resources within the platform's ranges, valid unique ports and
    /// environment variable names, a known restart policy and a positive idle timeout.
    public func validate() -> [FieldError] {
        var errors = validateMetadata(nameRule: NameRules.dns1123Label)
        let path = FieldPath("spec")
        errors += FermiFieldRules.oneOf(spec.type, InstanceType.all, at: path.child("type"))
        errors += FermiFieldRules.required(
            spec.image, at: path.child("image"), "only the notebook, training and inference types preset an image")
        if let resources = spec.resources {
            errors += Self.validate(resources, at: path.child("resources"))
        }
        errors += Self.validate(spec.ports ?? [], at: path.child("ports"))
        for (index, variable) in (spec.env ?? []).enumerated() {
            let namePath = path.child("env").index(index).child("name")
            guard let name = variable.name, !name.isEmpty else {
                errors.append(.required(namePath))
                continue
            }
            if name.contains("=") || !name.allSatisfy({ $0.isASCII && ($0.asciiValue ?? 0) >= 32 && $0 != "\u{7F}" }) {
                errors.append(
                    .invalid(
                        namePath, name,
                        "a valid environment variable name must consist only of printable ASCII characters other than '='"))
            }
        }
        errors += FermiFieldRules.oneOf(spec.restartPolicy, InstanceRestartPolicy.all, at: path.child("restartPolicy"))
        errors += FermiFieldRules.positiveDuration(spec.idleTimeout, at: path.child("idleTimeout"))
        errors += FermiFieldRules.labels(spec.nodeSelector, at: path.child("nodeSelector"))
        errors += FermiFieldRules.oneOf(status?.phase, InstancePhase.all, at: FieldPath("status", "phase"))
        return errors
    }

    private static func validate(_ resources: InstanceResources, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if let gpu = resources.gpu, !InstanceLimits.gpu.contains(gpu) {
            errors.append(
                .invalid(
                    path.child("gpu"), gpu,
                    "must be between \(InstanceLimits.gpu.lowerBound) and \(InstanceLimits.gpu.upperBound) GPUs"))
        }
        if let product = resources.gpuProduct, !product.isEmpty {
            if (resources.gpu ?? 0) == 0 {
                errors.append(.forbidden(path.child("gpuProduct"), "may only be set when gpu is greater than 0"))
            }
            errors += NameRules.labelValue(product).map { .invalid(path.child("gpuProduct"), product, $0) }
        }
        let ranges = [
            ("cpu", resources.cpu, InstanceLimits.cpu, " cores"),
            ("memory", resources.memory, InstanceLimits.memory, ""),
            ("storage", resources.storage, InstanceLimits.storage, ""),
        ]
        for (name, quantity, range, unit) in ranges {
            guard let quantity, !range.contains(quantity) else { continue }
            errors.append(
                .invalid(
                    path.child(name), quantity.text,
                    "must be between \(range.lowerBound.text) and \(range.upperBound.text)\(unit)"))
        }
        return errors
    }

    private static func validate(_ ports: [InstancePort], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        var names = Set<String>()
        var numbers = Set<[String]>()
        for (index, port) in ports.enumerated() {
            let portPath = path.index(index)
            if let name = port.name, !name.isEmpty {
                errors += serviceNameProblems(name).map { .invalid(portPath.child("name"), name, $0) }
                if !names.insert(name).inserted { errors.append(.duplicate(portPath.child("name"), name)) }
            }
            if let number = port.port {
                if !(1...65535).contains(number) {
                    errors.append(.invalid(portPath.child("port"), number, "must be between 1 and 65535, inclusive"))
                } else if !numbers.insert([String(number), port.protocol ?? "TCP"]).inserted {
                    errors.append(FieldError(.duplicate(value: String(number)), portPath.child("port")))
                }
            } else {
                errors.append(.required(portPath.child("port")))
            }
            errors += FermiFieldRules.oneOf(port.protocol, ["TCP", "UDP", "SCTP"], at: portPath.child("protocol"))
        }
        return errors
    }

    /// An IANA service name, as Kubernetes checks container port names.
    private static func serviceNameProblems(_ name: String) -> [String] {
        var problems: [String] = []
        if name.count > 15 { problems.append("must be no more than 15 characters") }
        if !name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            problems.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if name.contains("--") { problems.append("must not contain consecutive hyphens") }
        if !name.contains(where: { $0.isLetter }) { problems.append("must contain at least one letter (a-z)") }
        if name.hasPrefix("-") || name.hasSuffix("-") { problems.append("must not begin or end with a hyphen") }
        return problems
    }
}
