import Foundation

extension Service {
    /// clusterIP agrees with clusterIPs[0]; each is an IP (or a lone "None"); at most one per
    /// family and in the order of ipFamilies; known families and family policy.
    func validateClusterIPs(at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let clusterIPsPath = path.child("clusterIPs")
        let clusterIPs = spec.clusterIPs ?? []
        let listed = "[]string{" + clusterIPs.map(FieldError.quoted).joined(separator: ", ") + "}"
        if let clusterIP = spec.clusterIP, !clusterIP.isEmpty {
            if clusterIPs.isEmpty {
                errors.append(.required(clusterIPsPath))
            } else if clusterIPs[0] != clusterIP {
                errors.append(FieldError(.invalid(value: listed), clusterIPsPath, "first value must match `clusterIP`"))
            }
        } else if !clusterIPs.isEmpty {
            errors.append(
                FieldError(.invalid(value: listed), clusterIPsPath, "must be empty when `clusterIP` is not specified"))
        }
        var seen = Set<String>()
        for (index, family) in (spec.ipFamilies ?? []).enumerated() {
            let familyPath = path.child("ipFamilies").index(index)
            if !["IPv4", "IPv6"].contains(family) {
                errors.append(.notSupported(familyPath, family, ["IPv4", "IPv6"]))
            }
            if !seen.insert(family).inserted { errors.append(.duplicate(familyPath, family)) }
        }
        let policies = ["PreferDualStack", "RequireDualStack", "SingleStack"]
        if let policy = spec.ipFamilyPolicy, !policies.contains(policy) {
            errors.append(.notSupported(path.child("ipFamilyPolicy"), policy, policies))
        }
        var invalidIPs = false
        for (index, ip) in clusterIPs.enumerated() {
            if index == 0 && ip == "None" {
                if clusterIPs.count > 1 {
                    invalidIPs = true
                    errors.append(
                        FieldError(.invalid(value: listed), clusterIPsPath, "'None' must be the first and only value"))
                }
                continue
            }
            let problems = IPAddressRules.validateIP(ip, at: clusterIPsPath.index(index))
            invalidIPs = invalidIPs || !problems.isEmpty
            errors += problems
        }
        if clusterIPs.count > 2 {
            errors.append(FieldError(.invalid(value: listed), clusterIPsPath, "may only hold up to 2 values"))
        }
        guard !invalidIPs else { return errors }
        let families = clusterIPs.compactMap(IPAddressRules.family(of:))
        if clusterIPs.count > 1 && Set(families).count != clusterIPs.count {
            errors.append(
                FieldError(.invalid(value: listed), clusterIPsPath, "may specify no more than one IP for each IP family"))
        }
        if !isHeadless {
            for (index, pair) in zip(families, spec.ipFamilies ?? []).enumerated() {
                let expected = pair.1 == "IPv4" ? IPAddressRules.Family.ipv4 : pair.1 == "IPv6" ? .ipv6 : pair.0
                if pair.0 != expected {
                    errors.append(
                        .invalid(
                            clusterIPsPath.index(index), clusterIPs[index],
                            "expected an \(pair.1) value as indicated by `ipFamilies[\(index)]`"))
                }
            }
        }
        return errors
    }

    /// Source ranges, node-port allocation and the load balancer class are for LoadBalancer
    /// services only.
    func validateLoadBalancerFields(at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let isLoadBalancer = spec.type == ServiceType.loadBalancer
        let onlyForLoadBalancers = "may only be used when `type` is 'LoadBalancer'"
        let ranges = spec.loadBalancerSourceRanges ?? []
        let rangesPath = path.child("loadBalancerSourceRanges")
        if !ranges.isEmpty && !isLoadBalancer {
            errors.append(.forbidden(rangesPath, onlyForLoadBalancers))
        }
        for (index, range) in ranges.enumerated() {
            errors += IPAddressRules.validateCIDR(
                range.trimmingCharacters(in: .whitespaces), at: rangesPath.index(index))
        }
        if spec.allocateLoadBalancerNodePorts != nil && !isLoadBalancer {
            errors.append(.forbidden(path.child("allocateLoadBalancerNodePorts"), onlyForLoadBalancers))
        }
        if isLoadBalancer && spec.allocateLoadBalancerNodePorts == nil {
            errors.append(.required(path.child("allocateLoadBalancerNodePorts")))
        }
        if let loadBalancerClass = spec.loadBalancerClass {
            if isLoadBalancer {
                errors += NameRules.qualifiedName(loadBalancerClass).map {
                    .invalid(path.child("loadBalancerClass"), loadBalancerClass, $0)
                }
            } else {
                errors.append(.forbidden(path.child("loadBalancerClass"), onlyForLoadBalancers))
            }
        }
        return errors
    }

    /// externalTrafficPolicy only (and always) for externally accessible services,
    /// healthCheckNodePort only for LoadBalancer with Local, internalTrafficPolicy for the
    /// types that proxy.
    func validateTrafficPolicies(at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let policies = ["Cluster", "Local"]
        let external = spec.externalTrafficPolicy ?? ""
        if !isExternallyAccessible {
            if !external.isEmpty {
                errors.append(
                    .invalid(path.child("externalTrafficPolicy"), external, "may only be set for externally-accessible services"))
            }
        } else if external.isEmpty {
            errors.append(.required(path.child("externalTrafficPolicy")))
        } else if !policies.contains(external) {
            errors.append(.notSupported(path.child("externalTrafficPolicy"), external, policies))
        }
        let needsHealthCheck = spec.type == ServiceType.loadBalancer && external == "Local"
        if let healthCheckNodePort = spec.healthCheckNodePort, healthCheckNodePort != 0 {
            let healthPath = path.child("healthCheckNodePort")
            if !needsHealthCheck {
                errors.append(
                    .invalid(healthPath, healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"))
            } else {
                errors += Self.portNumberProblems(Int(healthCheckNodePort)).map {
                    .invalid(healthPath, healthCheckNodePort, $0)
                }
            }
        }
        let internalPath = path.child("internalTrafficPolicy")
        if let internalPolicy = spec.internalTrafficPolicy {
            if !policies.contains(internalPolicy) { errors.append(.notSupported(internalPath, internalPolicy, policies)) }
        } else if [ServiceType.nodePort, ServiceType.loadBalancer, ServiceType.clusterIP].contains(spec.type) {
            errors.append(.required(internalPath))
        }
        return errors
    }
}
