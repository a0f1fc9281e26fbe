extension Service {
    /// One port: a name (a DNS label, unique, required among several), a port number, a known
    /// protocol, a target port by number or name, and a qualified appProtocol.
    static func validate(
        _ port: ServicePort, nameRequired: Bool, names: inout Set<String>, at path: FieldPath
    ) -> [FieldError] {
        var errors: [FieldError] = []
        let name = port.name ?? ""
        if nameRequired && name.isEmpty {
            errors.append(.required(path.child("name")))
        } else if !name.isEmpty {
            errors += NameRules.dns1123Label(name).map { .invalid(path.child("name"), name, $0) }
            if !names.insert(name).inserted {
                errors.append(.duplicate(path.child("name"), name))
            }
        }
        errors += portNumberProblems(Int(port.port ?? 0)).map {
            .invalid(path.child("port"), port.port ?? 0, $0)
        }
        switch port.protocol ?? "" {
        case "": errors.append(.required(path.child("protocol")))
        case let value where !ServiceProtocol.all.contains(value):
            errors.append(.notSupported(path.child("protocol"), value, ServiceProtocol.all))
        default: break
        }
        switch port.targetPort {
        case .int(let number)?:
            errors += portNumberProblems(Int(number)).map { .invalid(path.child("targetPort"), number, $0) }
        case .string(let portName)?:
            errors += portNameProblems(portName).map { .invalid(path.child("targetPort"), portName, $0) }
        case nil:
            break
        }
        if let appProtocol = port.appProtocol {
            errors += NameRules.qualifiedName(appProtocol).map {
                .invalid(path.child("appProtocol"), appProtocol, $0)
            }
        }
        return errors
    }

    /// A port number is 1–65535.
    static func portNumberProblems(_ port: Int) -> [String] {
        (1...65535).contains(port) ? [] : ["must be between 1 and 65535, inclusive"]
    }

    /// A port name (IANA_SVC_NAME): ≤ 15 lower-case alphanumerics and single hyphens, with a
    /// letter, not starting or ending with a hyphen.
    static func portNameProblems(_ name: String) -> [String] {
        var problems: [String] = []
        if name.utf8.count > 15 { problems.append("must be no more than 15 characters") }
        let lowerAlphanumeric = { (byte: UInt8) in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        if name.isEmpty || !name.utf8.allSatisfy({ lowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }) {
            problems.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !name.utf8.contains(where: { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) {
            problems.append("must contain at least one letter (a-z)")
        }
        let hyphen = UInt8(ascii: "-")
        if zip(name.utf8, name.utf8.dropFirst()).contains(where: { $0 == hyphen && $1 == hyphen }) {
            problems.append("must not contain consecutive hyphens")
        }
        if name.hasPrefix("-") || name.hasSuffix("-") {
            problems.append("must not begin or end with a hyphen")
        }
        return problems
    }

    /// No two ports share a protocol and port, nor a protocol and node port; ClusterIP
    /// services have no node ports.
    func validatePortUniqueness(at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let ports = spec.ports ?? []
        if spec.type == ServiceType.clusterIP {
            for (index, port) in ports.enumerated() where (port.nodePort ?? 0) != 0 {
                errors.append(
                    .forbidden(path.index(index).child("nodePort"), "may not be used when `type` is 'ClusterIP'"))
            }
        }
        var nodePorts = Set<[String]>()
        for (index, port) in ports.enumerated() {
            guard let nodePort = port.nodePort, nodePort != 0 else { continue }
            if !nodePorts.insert([port.protocol ?? "", String(nodePort)]).inserted {
                errors.append(FieldError(.duplicate(value: String(nodePort)), path.index(index).child("nodePort")))
            }
        }
        var servicePorts = Set<[String]>()
        for (index, port) in ports.enumerated() {
            let proto = port.protocol ?? ""
            let number = port.port ?? 0
            if !servicePorts.insert([proto, String(number)]).inserted {
                let value =
                    "core.ServicePort{Name:\"\", Protocol:\"\(proto)\", AppProtocol:(*string)(nil), Port:\(number), TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"
                errors.append(FieldError(.duplicate(value: value), path.index(index)))
            }
        }
        return errors
    }
}
