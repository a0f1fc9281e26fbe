/// A pod as a template (`v1.PodTemplateSpec`): the metadata and spec that a workload's pods are
/// made from — a Job's, a PyTorchJob replica's, an InferenceService predictor's.
public struct PodTemplateSpec: Codable, Hashable, Sendable {
    /// Labels and annotations every pod made from the template carries.
    public var metadata: ObjectMeta?
    /// What every pod made from the template runs.
    public var spec: PodSpec?

    public init(metadata: ObjectMeta? = nil, spec: PodSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// What a pod runs and how (`v1.PodSpec`): its containers and volumes, where it may be
/// scheduled, and how it is restarted, named and secured.
public struct PodSpec: Codable, Hashable, Sendable {
    /// Volumes the pod's containers may mount.
    public var volumes: [Volume]?
    /// Containers run one after another, each to completion, before the app containers start.
    public var initContainers: [Container]?
    /// The pod's app containers; at least one.
    public var containers: [Container]?
    /// Containers added to a running pod for debugging; kept as written.
    public var ephemeralContainers: [JSONValue]?
    /// Always (the default), OnFailure or Never.
    public var restartPolicy: String?
    /// Seconds the pod has to stop after SIGTERM before it is killed; 30 by default.
    public var terminationGracePeriodSeconds: Int64?
    /// Seconds the pod may run, counted from its start, before it is failed.
    public var activeDeadlineSeconds: Int64?
    /// ClusterFirst (the default), ClusterFirstWithHostNet, Default or None.
    public var dnsPolicy: String?
    /// Labels a node must have for the pod to be scheduled on it.
    public var nodeSelector: [String: String]?
    /// The service account the pod runs as.
    public var serviceAccountName: String?
    /// Deprecated alias of serviceAccountName.
    public var serviceAccount: String?
    /// Whether the service account's token is mounted.
    public var automountServiceAccountToken: Bool?
    /// The node the pod is bound to; set by the scheduler, or by hand to skip it.
    public var nodeName: String?
    /// Whether the pod uses the node's network namespace.
    public var hostNetwork: Bool?
    /// Whether the pod uses the node's process namespace.
    public var hostPID: Bool?
    /// Whether the pod uses the node's IPC namespace.
    public var hostIPC: Bool?
    /// Whether the pod's containers share one process namespace.
    public var shareProcessNamespace: Bool?
    /// Security settings for every container of the pod.
    public var securityContext: PodSecurityContext?
    /// Secrets used to pull the pod's images.
    public var imagePullSecrets: [LocalObjectReference]?
    /// The pod's host name; the pod's name by default.
    public var hostname: String?
    /// With hostname, gives the pod the DNS name `<hostname>.<subdomain>.<namespace>.svc`.
    public var subdomain: String?
    /// Node and pod affinity and anti-affinity.
    public var affinity: Affinity?
    /// The scheduler that places the pod; `default-scheduler` by default.
    public var schedulerName: String?
    /// Taints the pod tolerates.
    public var tolerations: [Toleration]?
    /// Extra entries for the pod's /etc/hosts.
    public var hostAliases: [HostAlias]?
    /// The PriorityClass whose value becomes the pod's priority.
    public var priorityClassName: String?
    /// The pod's priority, resolved from priorityClassName on admission.
    public var priority: Int32?
    /// DNS settings merged with those dnsPolicy gives.
    public var dnsConfig: PodDNSConfig?
    /// Extra conditions that must be True for the pod to be Ready.
    public var readinessGates: [PodReadinessGate]?
    /// The RuntimeClass the pod runs with.
    public var runtimeClassName: String?
    /// Whether services' addresses are injected as environment variables; true by default.
    public var enableServiceLinks: Bool?
    /// PreemptLowerPriority (the default) or Never.
    public var preemptionPolicy: String?
    /// Resources the pod's sandbox uses on top of its containers'.
    public var overhead: ResourceList?
    /// How the pod's replicas are spread across zones, nodes and other topology domains.
    public var topologySpreadConstraints: [TopologySpreadConstraint]?
    /// Whether the pod's host name is its fully qualified domain name.
    public var setHostnameAsFQDN: Bool?
    /// The operating system the pod's containers need.
    public var os: PodOS?
    /// Whether the pod uses the node's user namespace; true by default.
    public var hostUsers: Bool?
    /// Gates that keep the pod from being scheduled while any remains.
    public var schedulingGates: [PodSchedulingGate]?
    /// Dynamic resources (ResourceClaims) the pod uses.
    public var resourceClaims: [PodResourceClaim]?

    public init(
        volumes: [Volume]? = nil, initContainers: [Container]? = nil, containers: [Container]? = nil,
        ephemeralContainers: [JSONValue]? = nil, restartPolicy: String? = nil,
        terminationGracePeriodSeconds: Int64? = nil, activeDeadlineSeconds: Int64? = nil,
        dnsPolicy: String? = nil, nodeSelector: [String: String]? = nil,
        serviceAccountName: String? = nil, serviceAccount: String? = nil,
        automountServiceAccountToken: Bool? = nil, nodeName: String? = nil, hostNetwork: Bool? = nil,
        hostPID: Bool? = nil, hostIPC: Bool? = nil, shareProcessNamespace: Bool? = nil,
        securityContext: PodSecurityContext? = nil, imagePullSecrets: [LocalObjectReference]? = nil,
        hostname: String? = nil, subdomain: String? = nil, affinity: Affinity? = nil,
        schedulerName: String? = nil, tolerations: [Toleration]? = nil,
        hostAliases: [HostAlias]? = nil, priorityClassName: String? = nil, priority: Int32? = nil,
        dnsConfig: PodDNSConfig? = nil, readinessGates: [PodReadinessGate]? = nil,
        runtimeClassName: String? = nil, enableServiceLinks: Bool? = nil,
        preemptionPolicy: String? = nil, overhead: ResourceList? = nil,
        topologySpreadConstraints: [TopologySpreadConstraint]? = nil, setHostnameAsFQDN: Bool? = nil,
        os: PodOS? = nil, hostUsers: Bool? = nil, schedulingGates: [PodSchedulingGate]? = nil,
        resourceClaims: [PodResourceClaim]? = nil
    ) {
        self.volumes = volumes
        self.initContainers = initContainers
        self.containers = containers
        self.ephemeralContainers = ephemeralContainers
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.dnsPolicy = dnsPolicy
        self.nodeSelector = nodeSelector
        self.serviceAccountName = serviceAccountName
        self.serviceAccount = serviceAccount
        self.automountServiceAccountToken = automountServiceAccountToken
        self.nodeName = nodeName
        self.hostNetwork = hostNetwork
        self.hostPID = hostPID
        self.hostIPC = hostIPC
        self.shareProcessNamespace = shareProcessNamespace
        self.securityContext = securityContext
        self.imagePullSecrets = imagePullSecrets
        self.hostname = hostname
        self.subdomain = subdomain
        self.affinity = affinity
        self.schedulerName = schedulerName
        self.tolerations = tolerations
        self.hostAliases = hostAliases
        self.priorityClassName = priorityClassName
        self.priority = priority
        self.dnsConfig = dnsConfig
        self.readinessGates = readinessGates
        self.runtimeClassName = runtimeClassName
        self.enableServiceLinks = enableServiceLinks
        self.preemptionPolicy = preemptionPolicy
        self.overhead = overhead
        self.topologySpreadConstraints = topologySpreadConstraints
        self.setHostnameAsFQDN = setHostnameAsFQDN
        self.os = os
        self.hostUsers = hostUsers
        self.schedulingGates = schedulingGates
        self.resourceClaims = resourceClaims
    }
}

/// An extra /etc/hosts entry of a pod.
public struct HostAlias: Codable, Hashable, Sendable {
    /// The address the host names resolve to.
    public var ip: String?
    public var hostnames: [String]?

    public init(ip: String? = nil, hostnames: [String]? = nil) {
        self.ip = ip
        self.hostnames = hostnames
    }
}

/// DNS settings of a pod, beyond those its dnsPolicy gives.
public struct PodDNSConfig: Codable, Hashable, Sendable {
    /// Name server addresses; at most 3 in all.
    public var nameservers: [String]?
    /// Search domains; at most 32.
    public var searches: [String]?
    /// Resolver options, such as `ndots`.
    public var options: [PodDNSConfigOption]?

    public init(
        nameservers: [String]? = nil, searches: [String]? = nil, options: [PodDNSConfigOption]? = nil
    ) {
        self.nameservers = nameservers
        self.searches = searches
        self.options = options
    }
}

/// One resolver option of a pod.
public struct PodDNSConfigOption: Codable, Hashable, Sendable {
    public var name: String?
    public var value: String?

    public init(name: String? = nil, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// A pod condition that must be True for the pod to be Ready.
public struct PodReadinessGate: Codable, Hashable, Sendable {
    public var conditionType: String?

    public init(conditionType: String? = nil) {
        self.conditionType = conditionType
    }
}

/// The operating system a pod needs.
public struct PodOS: Codable, Hashable, Sendable {
    /// `linux` or `windows`.
    public var name: String?

    public init(name: String? = nil) {
        self.name = name
    }
}

/// A gate that keeps a pod from being scheduled until it is removed.
public struct PodSchedulingGate: Codable, Hashable, Sendable {
    public var name: String?

    public init(name: String? = nil) {
        self.name = name
    }
}

/// A ResourceClaim a pod uses, by name within the pod.
public struct PodResourceClaim: Codable, Hashable, Sendable {
    /// The name containers use to refer to the claim.
    public var name: String?
    /// Where the claim comes from (Kubernetes 1.30 and earlier).
    public var source: ClaimSource?
    /// An existing ResourceClaim (Kubernetes 1.31 and later).
    public var resourceClaimName: String?
    /// A ResourceClaimTemplate to make a claim per pod from (Kubernetes 1.31 and later).
    public var resourceClaimTemplateName: String?

    public init(
        name: String? = nil, source: ClaimSource? = nil, resourceClaimName: String? = nil,
        resourceClaimTemplateName: String? = nil
    ) {
        self.name = name
        self.source = source
        self.resourceClaimName = resourceClaimName
        self.resourceClaimTemplateName = resourceClaimTemplateName
    }
}

/// Where a pod's ResourceClaim comes from: an existing claim, or a template.
public struct ClaimSource: Codable, Hashable, Sendable {
    public var resourceClaimName: String?
    public var resourceClaimTemplateName: String?

    public init(resourceClaimName: String? = nil, resourceClaimTemplateName: String? = nil) {
        self.resourceClaimName = resourceClaimName
        self.resourceClaimTemplateName = resourceClaimTemplateName
    }
}

/// What happens to a pod's containers when they exit.
public enum PodRestartPolicy {
    public static let always = "Always"
    public static let onFailure = "OnFailure"
    public static let never = "Never"
    /// In the order upstream lists them in messages.
    public static let all = [always, onFailure, never]
}

/// How a pod's DNS is set up.
public enum DNSPolicy {
    public static let clusterFirstWithHostNet = "ClusterFirstWithHostNet"
    public static let clusterFirst = "ClusterFirst"
    public static let `default` = "Default"
    public static let none = "None"
    /// In the order upstream lists them in messages.
    public static let all = [clusterFirstWithHostNet, clusterFirst, `default`, none]
}

extension PodSpec {
    /// The scheduler pods get unless they name another.
    public static let defaultSchedulerName = "default-scheduler"
    /// Seconds a pod has to stop unless it says otherwise.
    public static let defaultTerminationGracePeriodSeconds: Int64 = 30
}
