extension Service {
    /// How long ClientIP affinity lasts unless set: 3 hours.
    public static let defaultClientIPTimeoutSeconds: Int32 = 10800

    /// Upstream's defaults (type ClusterIP, sessionAffinity None, protocol TCP, targetPort =
    /// port, traffic policies Cluster, node ports for load balancers), and clusterIPs
    /// from clusterIP, as the API server fills it in on create.
    public mutating func setDefaults() {
        if (spec.sessionAffinity ?? "").isEmpty { spec.sessionAffinity = "None" }
        if spec.sessionAffinity == "None" { spec.sessionAffinityConfig = nil }
        if spec.sessionAffinity == "ClientIP", spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == nil {
            spec.sessionAffinityConfig = SessionAffinityConfig(
                clientIP: ClientIPConfig(timeoutSeconds: Self.defaultClientIPTimeoutSeconds))
        }
        if (spec.type ?? "").isEmpty { spec.type = ServiceType.clusterIP }
        for index in (spec.ports ?? []).indices {
            if (spec.ports?[index].protocol ?? "").isEmpty { spec.ports?[index].protocol = ServiceProtocol.tcp }
            guard let port = spec.ports?[index].port else { continue }
            switch spec.ports?[index].targetPort {
            case nil, .int(0)?, .string("")?: spec.ports?[index].targetPort = .int(port)
            default: break
            }
        }
        if isExternallyAccessible, (spec.externalTrafficPolicy ?? "").isEmpty {
            spec.externalTrafficPolicy = "Cluster"
        }
        if spec.internalTrafficPolicy == nil,
            [ServiceType.nodePort, ServiceType.loadBalancer, ServiceType.clusterIP].contains(spec.type)
        {
            spec.internalTrafficPolicy = "Cluster"
        }
        if spec.type == ServiceType.loadBalancer {
            if spec.allocateLoadBalancerNodePorts == nil { spec.allocateLoadBalancerNodePorts = true }
            for index in (status?.loadBalancer?.ingress ?? []).indices
            where status?.loadBalancer?.ingress?[index].ip?.isEmpty == false
                && status?.loadBalancer?.ingress?[index].ipMode == nil
            {
                status?.loadBalancer?.ingress?[index].ipMode = "VIP"
            }
        }
        syncClusterIPs()
    }

    /// Whether traffic from outside the cluster reaches the service: NodePort, LoadBalancer,
    /// or ClusterIP with external IPs.
    public var isExternallyAccessible: Bool {
        spec.type == ServiceType.loadBalancer || spec.type == ServiceType.nodePort
            || (spec.type == ServiceType.clusterIP && !(spec.externalIPs ?? []).isEmpty)
    }

    /// A service written with clusterIP alone gets it as clusterIPs too, as the API server
    /// does on create (the reverse is not done: clients that write clusterIPs write both).
    private mutating func syncClusterIPs() {
        if let clusterIP = spec.clusterIP, !clusterIP.isEmpty, (spec.clusterIPs ?? []).isEmpty {
            spec.clusterIPs = [clusterIP]
        }
    }
}
