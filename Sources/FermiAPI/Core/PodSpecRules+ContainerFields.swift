extension PodSpecRules {
    /// Container ports: valid unique names, port numbers 1–65535, a known protocol.
    static func validatePorts(_ ports: [ContainerPort], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        var names = Set<String>()
        for (index, port) in ports.enumerated() {
            let itemPath = path.index(index)
            if let name = port.name, !name.isEmpty {
                let problems = Service.portNameProblems(name)
                if !problems.isEmpty {
                    errors += problems.map { .invalid(itemPath.child("name"), name, $0) }
                } else if !names.insert(name).inserted {
                    errors.append(.duplicate(itemPath.child("name"), name))
                }
            }
            let containerPort = port.containerPort ?? 0
            if containerPort == 0 {
                errors.append(.required(itemPath.child("containerPort")))
            } else {
                errors += Service.portNumberProblems(Int(containerPort)).map {
                    .invalid(itemPath.child("containerPort"), containerPort, $0)
                }
            }
            if let hostPort = port.hostPort, hostPort != 0 {
                errors += Service.portNumberProblems(Int(hostPort)).map {
                    .invalid(itemPath.child("hostPort"), hostPort, $0)
                }
            }
            errors += validateEnum(port.protocol, ServiceProtocol.all, at: itemPath.child("protocol"))
        }
        return errors
    }

    /// Environment variables: valid names, and at most one source of a value.
    static func validateEnv(_ variables: [EnvVar], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, variable) in variables.enumerated() {
            let itemPath = path.index(index)
            if let name = variable.name, !name.isEmpty {
                errors += envVarNameProblems(name).map { .invalid(itemPath.child("name"), name, $0) }
            } else {
                errors.append(.required(itemPath.child("name")))
            }
            if let source = variable.valueFrom {
                errors += validateEnvSource(source, value: variable.value, at: itemPath.child("valueFrom"))
            }
        }
        return errors
    }

    /// Upstream's IsEnvVarName: letters, digits, '_', '-' and '.', not starting with a digit,
    /// and not `.`, `..` or starting with `..`.
    public static func envVarNameProblems(_ name: String) -> [String] {
        var problems: [String] = []
        let allowed = { (byte: UInt8) in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || [UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_")].contains(byte)
        }
        let bytes = Array(name.utf8)
        let valid = bytes.first.map(allowed) == true
            && bytes.allSatisfy { allowed($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        if !valid {
            problems.append(
                "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"
            )
        }
        if name == "." {
            problems.append("must not be '.'")
        } else if name == ".." {
            problems.append("must not be '..'")
        } else if name.hasPrefix("..") {
            problems.append("must not start with '..'")
        }
        return problems
    }

    /// The fields of the pod an environment variable may read.
    static let envFieldPaths = [
        "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs",
    ]

    /// The container resources an environment variable or downward API file may read.
    static let resourceFieldPaths = [
        "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu",
        "requests.ephemeral-storage", "requests.memory",
    ]

    private static func validateEnvSource(_ source: EnvVarSource, value: String?, at path: FieldPath)
        -> [FieldError]
    {
        var errors: [FieldError] = []
        var count = 0
        if let fieldRef = source.fieldRef {
            count += 1
            errors += validateFieldSelector(fieldRef, allowed: envFieldPaths, at: path.child("fieldRef"))
        }
        if let resourceRef = source.resourceFieldRef {
            count += 1
            errors += validateResourceFieldSelector(resourceRef, inVolume: false, at: path.child("resourceFieldRef"))
        }
        let keyRefs: [(String, String?, String?, Bool)] = [
            ("configMapKeyRef", source.configMapKeyRef?.name, source.configMapKeyRef?.key, source.configMapKeyRef != nil),
            ("secretKeyRef", source.secretKeyRef?.name, source.secretKeyRef?.key, source.secretKeyRef != nil),
        ]
        for (field, name, key, isSet) in keyRefs where isSet {
            count += 1
            let name = name ?? ""
            errors += NameRules.dns1123Subdomain(name).map { .invalid(path.child(field).child("name"), name, $0) }
            if let key, !key.isEmpty {
                errors += ConfigKeyRules.problems(key).map { .invalid(path.child(field).child("key"), key, $0) }
            } else {
                errors.append(.required(path.child(field).child("key")))
            }
        }
        if count == 0 {
            errors.append(
                .invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
        } else if !(value ?? "").isEmpty {
            errors.append(.invalid(path, "", "may not be specified when `value` is not empty"))
        } else if count > 1 {
            errors.append(.invalid(path, "", "may not have more than one field specified at a time"))
        }
        return errors
    }

    /// A field of the pod: an API version, and a path that is allowed, or a label or
    /// annotation by key (`metadata.labels['app']`).
    static func validateFieldSelector(_ selector: ObjectFieldSelector, allowed: [String], at path: FieldPath)
        -> [FieldError]
    {
        guard let version = selector.apiVersion, !version.isEmpty else { return [.required(path.child("apiVersion"))] }
        guard let fieldPath = selector.fieldPath, !fieldPath.isEmpty else { return [.required(path.child("fieldPath"))] }
        if fieldPath.hasSuffix("']"), let open = fieldPath.firstRange(of: "['") {
            let base = String(fieldPath[..<open.lowerBound])
            let key = String(fieldPath[open.upperBound..<fieldPath.index(fieldPath.endIndex, offsetBy: -2)])
            switch base {
            case "metadata.annotations": return NameRules.qualifiedName(key.lowercased()).map { .invalid(path, key, $0) }
            case "metadata.labels": return NameRules.qualifiedName(key).map { .invalid(path, key, $0) }
            default: return [.invalid(path, base, "does not support subscript")]
            }
        }
        return allowed.contains(fieldPath) ? [] : [.notSupported(path.child("fieldPath"), fieldPath, allowed.sorted())]
    }

    /// A container resource: named (in volumes, with its container) and one that may be read.
    static func validateResourceFieldSelector(_ selector: ResourceFieldSelector, inVolume: Bool, at path: FieldPath)
        -> [FieldError]
    {
        if inVolume, (selector.containerName ?? "").isEmpty { return [.required(path.child("containerName"))] }
        guard let resource = selector.resource, !resource.isEmpty else { return [.required(path.child("resource"))] }
        let hugePages = resource.hasPrefix("limits.hugepages-") || resource.hasPrefix("requests.hugepages-")
        guard resourceFieldPaths.contains(resource) || hugePages else {
            return [.notSupported(path.child("resource"), resource, resourceFieldPaths)]
        }
        return []
    }

    /// Sources of many variables: a valid prefix and exactly one of configMapRef and secretRef.
    static func validateEnvFrom(_ sources: [EnvFromSource], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, source) in sources.enumerated() {
            let itemPath = path.index(index)
            if let prefix = source.prefix, !prefix.isEmpty {
                errors += envVarNameProblems(prefix).map { .invalid(itemPath.child("prefix"), prefix, $0) }
            }
            let refs: [(String, String?, Bool)] = [
                ("configMapRef", source.configMapRef?.name, source.configMapRef != nil),
                ("secretRef", source.secretRef?.name, source.secretRef != nil),
            ]
            for (field, name, isSet) in refs where isSet {
                if let name, !name.isEmpty {
                    errors += NameRules.dns1123Subdomain(name).map { .invalid(itemPath.child(field).child("name"), name, $0) }
                } else {
                    errors.append(.required(itemPath.child(field).child("name")))
                }
            }
            switch refs.filter(\.2).count {
            case 0: errors.append(.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"))
            case 1: break
            default: errors.append(.invalid(path, "", "may not have more than one field specified at a time"))
            }
        }
        return errors
    }

    /// Volume mounts: a volume of the pod, a unique mount path, relative sub-paths.
    static func validateVolumeMounts(_ container: Container, volumes: [String: Volume], at path: FieldPath)
        -> [FieldError]
    {
        var errors: [FieldError] = []
        var mountPaths = Set<String>()
        let devices = container.volumeDevices ?? []
        for (index, mount) in (container.volumeMounts ?? []).enumerated() {
            let itemPath = path.index(index)
            let name = mount.name ?? ""
            if name.isEmpty { errors.append(.required(itemPath.child("name"))) }
            if volumes[name] == nil { errors.append(notFound(itemPath.child("name"), name)) }
            let mountPath = mount.mountPath ?? ""
            if mountPath.isEmpty { errors.append(.required(itemPath.child("mountPath"))) }
            if !mountPaths.insert(mountPath).inserted {
                errors.append(.invalid(itemPath.child("mountPath"), mountPath, "must be unique"))
            }
            if devices.contains(where: { $0.name == name }) {
                errors.append(.invalid(itemPath.child("name"), name, "must not already exist in volumeDevices"))
            }
            if devices.contains(where: { $0.devicePath == mountPath }) {
                errors.append(
                    .invalid(itemPath.child("mountPath"), mountPath, "must not already exist as a path in volumeDevices"))
            }
            if let subPath = mount.subPath, !subPath.isEmpty {
                errors += validateLocalDescendingPath(subPath, at: path.child("subPath"))
            }
            if let expression = mount.subPathExpr, !expression.isEmpty {
                if !(mount.subPath ?? "").isEmpty {
                    errors.append(
                        .invalid(itemPath.child("subPathExpr"), expression, "subPathExpr and subPath are mutually exclusive"))
                }
                errors += validateLocalDescendingPath(expression, at: path.child("subPathExpr"))
            }
            if let propagation = mount.mountPropagation {
                let supported = ["Bidirectional", "HostToContainer", "None"]
                if !supported.contains(propagation) {
                    errors.append(.notSupported(path.child("mountPropagation"), propagation, supported))
                } else if propagation == "Bidirectional", container.securityContext?.privileged != true {
                    errors.append(
                        .forbidden(
                            path.child("mountPropagation"),
                            "Bidirectional mount propagation is available only to privileged containers"))
                }
            }
        }
        return errors
    }

    /// Block devices: a persistentVolumeClaim volume of the pod, unique names and paths.
    static func validateVolumeDevices(_ container: Container, volumes: [String: Volume], at path: FieldPath)
        -> [FieldError]
    {
        var errors: [FieldError] = []
        var names = Set<String>()
        var paths = Set<String>()
        for (index, device) in (container.volumeDevices ?? []).enumerated() {
            let itemPath = path.index(index)
            let name = device.name ?? ""
            if name.isEmpty { errors.append(.required(itemPath.child("name"))) }
            if names.contains(name) { errors.append(.invalid(itemPath.child("name"), name, "must be unique")) }
            if let volume = volumes[name] {
                if volume.persistentVolumeClaim == nil && volume.ephemeral == nil {
                    errors.append(
                        .invalid(
                            itemPath.child("name"), name,
                            "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"))
                }
            } else {
                errors.append(notFound(itemPath.child("name"), name))
            }
            let devicePath = device.devicePath ?? ""
            if devicePath.isEmpty { errors.append(.required(itemPath.child("devicePath"))) }
            if paths.contains(devicePath) {
                errors.append(.invalid(itemPath.child("devicePath"), devicePath, "must be unique"))
            }
            if devicePath.split(separator: "/").contains("..") {
                errors.append(.invalid(itemPath.child("devicePath"), devicePath, "can not contain backsteps ('..')"))
            } else {
                paths.insert(devicePath)
            }
            if !name.isEmpty { names.insert(name) }
        }
        return errors
    }

    /// A path inside a volume: relative, and never stepping out with `..`.
    static func validateLocalDescendingPath(_ value: String, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if value.hasPrefix("/") {
            errors.append(.invalid(path, value, "must be a relative path"))
        }
        if value.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            errors.append(.invalid(path, value, "must not contain '..'"))
        }
        return errors
    }

    /// Upstream reports a reference to something that does not exist as
    /// `field: Not found: "name"`; FieldError has no such kind yet, so it is worded as an
    /// invalid value that was not found.
    static func notFound(_ path: FieldPath, _ value: String) -> FieldError {
        .invalid(path, value, "not found")
    }
}
