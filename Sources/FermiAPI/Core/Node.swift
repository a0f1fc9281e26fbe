/// A Kubernetes node (`v1` kind `Node`): one machine of the cluster, with what it has
/// (capacity), what pods may use (allocatable), its taints, and the conditions the kubelet
/// reports.
public struct Node: StatusHavingObject {
    public static let resource = APIResource(
        group: "", version: "v1", kind: "Node", plural: "nodes", shortNames: ["no"],
        namespaced: false)

    public var apiVersion = Node.resource.apiVersion
    public var kind = Node.resource.kind
    // Boxed: objects are copied whole by caches, snapshots and events far more than changed.
    // The accessors are inlinable: called across modules, they would copy the whole value.
    @usableFromInline var boxedMetadata: CopyOnWrite<ObjectMeta>
    @usableFromInline var boxedSpec: CopyOnWrite<NodeSpec?>
    @usableFromInline var boxedStatus: CopyOnWrite<NodeStatus?>

    @inlinable
    public var metadata: ObjectMeta {
        _read { yield boxedMetadata.value }
        _modify { yield &boxedMetadata.value }
    }
    @inlinable
    public var spec: NodeSpec? {
        _read { yield boxedSpec.value }
        _modify { yield &boxedSpec.value }
    }
    @inlinable
    public var status: NodeStatus? {
        _read { yield boxedStatus.value }
        _modify { yield &boxedStatus.value }
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind
        case boxedMetadata = "metadata", boxedSpec = "spec", boxedStatus = "status"
    }

    public init(metadata: ObjectMeta, spec: NodeSpec? = nil, status: NodeStatus? = nil) {
        boxedMetadata = CopyOnWrite(metadata)
        boxedSpec = CopyOnWrite(spec)
        boxedStatus = CopyOnWrite(status)
    }
}

/// How a node is set up: its pod address ranges, its provider ID, whether it takes new pods.
public struct NodeSpec: Codable, Hashable, Sendable {
    /// The pod IP range of the node (the first of podCIDRs).
    public var podCIDR: String?
    /// The pod IP ranges of the node, at most one per IP family.
    public var podCIDRs: [String]?
    /// The cloud provider's ID of the machine (`<provider>://<id>`).
    public var providerID: String?
    /// Whether new pods are kept off the node (`kubectl cordon`).
    public var unschedulable: Bool?
    /// Marks that repel pods which do not tolerate them.
    public var taints: [Taint]?
    /// Deprecated; not used.
    public var externalID: String?

    public init(
        podCIDR: String? = nil, podCIDRs: [String]? = nil, providerID: String? = nil,
        unschedulable: Bool? = nil, taints: [Taint]? = nil
    ) {
        self.podCIDR = podCIDR
        self.podCIDRs = podCIDRs
        self.providerID = providerID
        self.unschedulable = unschedulable
        self.taints = taints
    }
}

/// What a node has and how it is, as its kubelet reports it.
public struct NodeStatus: Codable, Hashable, Sendable {
    /// Everything the node has (`cpu`, `memory`, `nvidia.com/gpu`, `pods`).
    public var capacity: ResourceList?
    /// What pods may use: capacity less what the system reserves; defaults to capacity.
    public var allocatable: ResourceList?
    /// Deprecated lifecycle phase: Pending, Running or Terminated.
    public var phase: String?
    /// Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.
    public var conditions: [NodeCondition]?
    /// How the node is reached: host name, internal and external addresses.
    public var addresses: [NodeAddress]?
    /// The ports the node's daemons listen on.
    public var daemonEndpoints: NodeDaemonEndpoints?
    /// The node's machine, operating system and kubelet versions.
    public var nodeInfo: NodeSystemInfo?
    /// The container images on the node.
    public var images: [ContainerImage]?
    /// Volumes that pods on the node are using.
    public var volumesInUse: [String]?
    /// Volumes attached to the node.
    public var volumesAttached: [AttachedVolume]?
    /// The container runtime handlers the node offers.
    public var runtimeHandlers: [NodeRuntimeHandler]?

    public init(
        capacity: ResourceList? = nil, allocatable: ResourceList? = nil, phase: String? = nil,
        conditions: [NodeCondition]? = nil, addresses: [NodeAddress]? = nil
    ) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.phase = phase
        self.conditions = conditions
        self.addresses = addresses
    }
}

/// One aspect of a node's health, as the kubelet last reported it.
public struct NodeCondition: Codable, Hashable, Sendable {
    /// Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.
    public var type: String?
    /// "True", "False" or "Unknown".
    public var status: String?
    /// When the kubelet last reported the condition.
    public var lastHeartbeatTime: Timestamp?
    /// When the status last changed.
    public var lastTransitionTime: Timestamp?
    /// Why the condition last changed, in one CamelCase word.
    public var reason: String?
    /// Why the condition last changed, for people.
    public var message: String?

    public init(
        type: String? = nil, status: String? = nil, reason: String? = nil, message: String? = nil,
        lastHeartbeatTime: Timestamp? = nil, lastTransitionTime: Timestamp? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastTransitionTime = lastTransitionTime
    }
}

/// The condition types a node reports.
public enum NodeConditionType {
    public static let ready = "Ready"
    public static let memoryPressure = "MemoryPressure"
    public static let diskPressure = "DiskPressure"
    public static let pidPressure = "PIDPressure"
    public static let networkUnavailable = "NetworkUnavailable"
}

/// The deprecated lifecycle phases of a node.
public enum NodePhase {
    public static let pending = "Pending"
    public static let running = "Running"
    public static let terminated = "Terminated"
}

/// One address of a node.
public struct NodeAddress: Codable, Hashable, Sendable {
    /// Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.
    public var type: String?
    public var address: String?

    public init(type: String? = nil, address: String? = nil) {
        self.type = type
        self.address = address
    }
}

/// The kinds of node address.
public enum NodeAddressType {
    public static let hostname = "Hostname"
    public static let internalIP = "InternalIP"
    public static let externalIP = "ExternalIP"
    public static let internalDNS = "InternalDNS"
    public static let externalDNS = "ExternalDNS"
}

/// The endpoints of the daemons running on a node.
public struct NodeDaemonEndpoints: Codable, Hashable, Sendable {
    /// Where the kubelet listens.
    public var kubeletEndpoint: DaemonEndpoint?

    public init(kubeletEndpoint: DaemonEndpoint? = nil) {
        self.kubeletEndpoint = kubeletEndpoint
    }
}

/// A port a daemon listens on (upstream spells the field `Port`).
public struct DaemonEndpoint: Codable, Hashable, Sendable {
    public var port: Int32?

    public init(port: Int32? = nil) {
        self.port = port
    }

    enum CodingKeys: String, CodingKey {
        case port = "Port"
    }
}

/// A node's machine, operating system and component versions.
public struct NodeSystemInfo: Codable, Hashable, Sendable {
    public var machineID: String?
    public var systemUUID: String?
    public var bootID: String?
    public var kernelVersion: String?
    /// The operating system image, as /etc/os-release names it.
    public var osImage: String?
    /// The container runtime and its version (`containerd://1.7.13`).
    public var containerRuntimeVersion: String?
    public var kubeletVersion: String?
    public var kubeProxyVersion: String?
    /// `linux` or `windows`.
    public var operatingSystem: String?
    /// `amd64`, `arm64`, ...
    public var architecture: String?

    public init(
        kubeletVersion: String? = nil, operatingSystem: String? = nil, architecture: String? = nil
    ) {
        self.kubeletVersion = kubeletVersion
        self.operatingSystem = operatingSystem
        self.architecture = architecture
    }
}

/// A container image present on a node.
public struct ContainerImage: Codable, Hashable, Sendable {
    /// The image's names and digests.
    public var names: [String]?
    public var sizeBytes: Int64?

    public init(names: [String]? = nil, sizeBytes: Int64? = nil) {
        self.names = names
        self.sizeBytes = sizeBytes
    }
}

/// A volume attached to a node.
public struct AttachedVolume: Codable, Hashable, Sendable {
    public var name: String?
    /// Where the volume is attached on the node.
    public var devicePath: String?

    public init(name: String? = nil, devicePath: String? = nil) {
        self.name = name
        self.devicePath = devicePath
    }
}

/// A container runtime handler a node offers, and its features.
public struct NodeRuntimeHandler: Codable, Hashable, Sendable {
    /// The handler's name; empty for the default handler.
    public var name: String?
    public var features: NodeRuntimeHandlerFeatures?
}

/// What a runtime handler supports.
public struct NodeRuntimeHandlerFeatures: Codable, Hashable, Sendable {
    public var recursiveReadOnlyMounts: Bool?
    public var userNamespaces: Bool?
}
