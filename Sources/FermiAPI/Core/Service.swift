/// A Service (`v1`): a stable name and virtual IP in front of the pods its selector matches,
/// or a DNS alias (ExternalName).
public struct Service: StatusHavingObject {
    public static let resource = APIResource(
        group: "", version: "v1", kind: "Service", plural: "services", shortNames: ["svc"],
        namespaced: true, categories: ["all"])

    public var apiVersion = Service.resource.apiVersion
    public var kind = Service.resource.kind
    public var metadata: ObjectMeta
    public var spec: ServiceSpec
    public var status: ServiceStatus?

    public init(metadata: ObjectMeta, spec: ServiceSpec = ServiceSpec(), status: ServiceStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// How a service is reached and which pods serve it.
public struct ServiceSpec: Codable, Hashable, Sendable {
    /// The ports the service exposes; required unless it is headless or ExternalName.
    public var ports: [ServicePort]?
    /// The labels of the pods that serve the service.
    public var selector: [String: String]?
    /// The virtual IP; "None" makes the service headless. Allocated when empty.
    public var clusterIP: String?
    /// The virtual IPs, at most one per IP family; the first is clusterIP.
    public var clusterIPs: [String]?
    /// ClusterIP (the default), NodePort, LoadBalancer or ExternalName.
    public var type: String?
    /// Further IPs on which nodes accept traffic for the service.
    public var externalIPs: [String]?
    /// ClientIP keeps a client on one pod; None (the default) does not.
    public var sessionAffinity: String?
    /// Deprecated: the IP a load balancer should use.
    public var loadBalancerIP: String?
    /// The client CIDRs a load balancer admits.
    public var loadBalancerSourceRanges: [String]?
    /// The DNS name an ExternalName service is an alias of.
    public var externalName: String?
    /// Cluster (the default for external services) or Local: whether external traffic may
    /// go to pods on other nodes.
    public var externalTrafficPolicy: String?
    /// The node port a load balancer health-checks, for externalTrafficPolicy Local.
    public var healthCheckNodePort: Int32?
    /// Whether pods that are not ready still get DNS records.
    public var publishNotReadyAddresses: Bool?
    /// Session affinity settings (the ClientIP timeout).
    public var sessionAffinityConfig: SessionAffinityConfig?
    /// IPv4 and/or IPv6, in the order of clusterIPs.
    public var ipFamilies: [String]?
    /// SingleStack, PreferDualStack or RequireDualStack.
    public var ipFamilyPolicy: String?
    /// Whether a LoadBalancer service gets node ports (default true).
    public var allocateLoadBalancerNodePorts: Bool?
    /// The load balancer implementation to use, a qualified name.
    public var loadBalancerClass: String?
    /// Cluster (the default) or Local: whether traffic from inside the cluster may go to pods
    /// on other nodes.
    public var internalTrafficPolicy: String?
    /// A preference for how traffic is spread over endpoints (`PreferClose`).
    public var trafficDistribution: String?

    public init(
        ports: [ServicePort]? = nil, selector: [String: String]? = nil, type: String? = nil,
        clusterIP: String? = nil, externalName: String? = nil
    ) {
        self.ports = ports
        self.selector = selector
        self.type = type
        self.clusterIP = clusterIP
        self.externalName = externalName
    }
}

/// One port a service exposes, and where it sends traffic.
public struct ServicePort: Codable, Hashable, Sendable {
    /// The port's name, a DNS label; required when the service has more than one port.
    public var name: String?
    /// TCP (the default), UDP or SCTP.
    public var `protocol`: String?
    /// The application protocol (`http`, `kubernetes.io/h2c`).
    public var appProtocol: String?
    /// The port the service listens on, 1–65535.
    public var port: Int32?
    /// The pods' port, by number or by container port name; defaults to port.
    public var targetPort: IntOrString?
    /// The port on every node, for NodePort and LoadBalancer services.
    public var nodePort: Int32?

    public init(
        name: String? = nil, protocol: String? = nil, port: Int32? = nil,
        targetPort: IntOrString? = nil, nodePort: Int32? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}

/// Session affinity settings of a service.
public struct SessionAffinityConfig: Codable, Hashable, Sendable {
    /// Settings for ClientIP affinity.
    public var clientIP: ClientIPConfig?

    public init(clientIP: ClientIPConfig? = nil) {
        self.clientIP = clientIP
    }
}

/// How long a client sticks to one pod under ClientIP affinity.
public struct ClientIPConfig: Codable, Hashable, Sendable {
    /// Seconds, 1–86400; 10800 (3 hours) by default.
    public var timeoutSeconds: Int32?

    public init(timeoutSeconds: Int32? = nil) {
        self.timeoutSeconds = timeoutSeconds
    }
}

/// What a service has now: its load balancer and conditions.
public struct ServiceStatus: Codable, Hashable, Sendable {
    /// The load balancer, once one is provisioned.
    public var loadBalancer: LoadBalancerStatus?
    public var conditions: [Condition]?

    public init(loadBalancer: LoadBalancerStatus? = nil, conditions: [Condition]? = nil) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }
}

/// A provisioned load balancer.
public struct LoadBalancerStatus: Codable, Hashable, Sendable {
    /// Where the load balancer receives traffic.
    public var ingress: [LoadBalancerIngress]?

    public init(ingress: [LoadBalancerIngress]? = nil) {
        self.ingress = ingress
    }
}

/// One address of a load balancer.
public struct LoadBalancerIngress: Codable, Hashable, Sendable {
    public var ip: String?
    public var hostname: String?
    /// VIP (the default when ip is set) or Proxy.
    public var ipMode: String?
    /// The state of each of the service's ports on the load balancer.
    public var ports: [PortStatus]?

    public init(ip: String? = nil, hostname: String? = nil, ipMode: String? = nil) {
        self.ip = ip
        self.hostname = hostname
        self.ipMode = ipMode
    }
}

/// The state of one port of a load balancer.
public struct PortStatus: Codable, Hashable, Sendable {
    public var port: Int32?
    public var `protocol`: String?
    /// Why the port is not working, in one CamelCase word; absent when it is.
    public var error: String?
}

/// The types of service.
public enum ServiceType {
    public static let clusterIP = "ClusterIP"
    public static let nodePort = "NodePort"
    public static let loadBalancer = "LoadBalancer"
    public static let externalName = "ExternalName"
    /// In the order upstream lists them in messages.
    public static let all = [clusterIP, externalName, loadBalancer, nodePort]
}

/// The protocols a service port may carry.
public enum ServiceProtocol {
    public static let tcp = "TCP"
    public static let udp = "UDP"
    public static let sctp = "SCTP"
    /// In the order upstream lists them in messages.
    public static let all = [sctp, tcp, udp]
}
