extension Service {
    /// Upstream's rules for services: a DNS-1035 name; ports (unless headless or
    /// ExternalName) with valid numbers, unique names and known protocols; a known type and
    /// session affinity; valid IPs; and fields that only some types may set.
    public func validate() -> [FieldError] {
        var errors = validateMetadata(nameRule: NameRules.dns1035Label)
        let path = FieldPath("spec")
        let ports = spec.ports ?? []
        if ports.isEmpty && !isHeadless && spec.type != ServiceType.externalName {
            errors.append(.required(path.child("ports")))
        }
        errors += validateTypeSpecificFields(at: path)
        var names = Set<String>()
        for (index, port) in ports.enumerated() {
            errors += Self.validate(
                port, nameRequired: ports.count > 1, names: &names, at: path.child("ports").index(index))
        }
        for (key, value) in (spec.selector ?? [:]).sorted(by: { $0.key < $1.key }) {
            errors += NameRules.qualifiedName(key).map { .invalid(path.child("selector"), key, $0) }
            errors += NameRules.labelValue(value).map { .invalid(path.child("selector"), value, $0) }
        }
        errors += validateSessionAffinity(at: path)
        if spec.type != ServiceType.externalName {
            errors += validateClusterIPs(at: path)
        }
        for (index, ip) in (spec.externalIPs ?? []).enumerated() {
            let ipPath = path.child("externalIPs").index(index)
            let invalid = IPAddressRules.validateIP(ip, at: ipPath)
            errors += invalid.isEmpty ? IPAddressRules.validateNonSpecial(ip, at: ipPath) : invalid
        }
        if let type = spec.type, !type.isEmpty {
            if !ServiceType.all.contains(type) {
                errors.append(.notSupported(path.child("type"), type, ServiceType.all))
            }
        } else {
            errors.append(.required(path.child("type")))
        }
        errors += validatePortUniqueness(at: path.child("ports"))
        errors += validateLoadBalancerFields(at: path)
        errors += validateTrafficPolicies(at: path)
        return errors
    }

    /// Whether the service has no virtual IP (`clusterIP: None`).
    public var isHeadless: Bool {
        spec.clusterIPs == ["None"] || ((spec.clusterIPs ?? []).isEmpty && spec.clusterIP == "None")
    }

    private func validateTypeSpecificFields(at path: FieldPath) -> [FieldError] {
        switch spec.type {
        case ServiceType.loadBalancer, ServiceType.nodePort:
            guard isHeadless else { return [] }
            let field = spec.clusterIPs == nil ? path.child("clusterIP") : path.child("clusterIPs").index(0)
            return [.invalid(field, "None", "may not be set to 'None' for \(spec.type ?? "") services")]
        case ServiceType.externalName:
            var errors: [FieldError] = []
            if !(spec.clusterIPs ?? []).isEmpty || !(spec.clusterIP ?? "").isEmpty {
                let field = spec.clusterIPs == nil ? "clusterIP" : "clusterIPs"
                errors.append(.forbidden(path.child(field), "may not be set for ExternalName services"))
            }
            if !(spec.ipFamilies ?? []).isEmpty {
                errors.append(.forbidden(path.child("ipFamilies"), "may not be set for ExternalName services"))
            }
            if spec.ipFamilyPolicy != nil {
                errors.append(.forbidden(path.child("ipFamilyPolicy"), "may not be set for ExternalName services"))
            }
            var name = spec.externalName ?? ""
            if name.hasSuffix(".") { name.removeLast() }
            if name.isEmpty {
                errors.append(.required(path.child("externalName")))
            } else {
                errors += NameRules.dns1123Subdomain(name).map { .invalid(path.child("externalName"), name, $0) }
            }
            return errors
        default:
            return []
        }
    }

    private func validateSessionAffinity(at path: FieldPath) -> [FieldError] {
        let affinityPath = path.child("sessionAffinity")
        let configPath = path.child("sessionAffinityConfig")
        switch spec.sessionAffinity ?? "" {
        case "":
            return [.required(affinityPath)]
        case "None":
            return spec.sessionAffinityConfig == nil
                ? [] : [.forbidden(configPath, "must not be set when session affinity is None")]
        case "ClientIP":
            let detail = "when session affinity type is ClientIP"
            guard let config = spec.sessionAffinityConfig else { return [.required(configPath, detail)] }
            guard let clientIP = config.clientIP else { return [.required(configPath.child("clientIP"), detail)] }
            let timeoutPath = configPath.child("clientIP").child("timeoutSeconds")
            guard let timeout = clientIP.timeoutSeconds else { return [.required(timeoutPath, detail)] }
            if timeout <= 0 || timeout > 86400 {
                return [.invalid(timeoutPath, timeout, "must be greater than 0 and less than 86400")]
            }
            return []
        case let affinity:
            return [.notSupported(affinityPath, affinity, ["ClientIP", "None"])]
        }
    }
}
