/// A pod (`v1` kind `Pod`): one or more containers that are scheduled together onto a node
/// and share its network and volumes; the unit every workload runs as.
public struct Pod: StatusHavingObject {
    public static let resource = APIResource(
        group: "", version: "v1", kind: "Pod", plural: "pods", shortNames: ["po"], namespaced: true,
        statusWritesLabelsAndAnnotations: true, categories: ["all"])

    public var apiVersion = Pod.resource.apiVersion
    public var kind = Pod.resource.kind
    // Boxed: objects are copied whole by caches, snapshots and events far more than changed.
    // The accessors are inlinable: called across modules, they would copy the whole value.
    @usableFromInline var boxedMetadata: CopyOnWrite<ObjectMeta>
    @usableFromInline var boxedSpec: CopyOnWrite<PodSpec>
    @usableFromInline var boxedStatus: CopyOnWrite<PodStatus?>

    @inlinable
    public var metadata: ObjectMeta {
        _read { yield boxedMetadata.value }
        _modify { yield &boxedMetadata.value }
    }
    @inlinable
    public var spec: PodSpec {
        _read { yield boxedSpec.value }
        _modify { yield &boxedSpec.value }
    }
    @inlinable
    public var status: PodStatus? {
        _read { yield boxedStatus.value }
        _modify { yield &boxedStatus.value }
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind
        case boxedMetadata = "metadata", boxedSpec = "spec", boxedStatus = "status"
    }

    public init(metadata: ObjectMeta, spec: PodSpec = PodSpec(), status: PodStatus? = nil) {
        boxedMetadata = CopyOnWrite(metadata)
        boxedSpec = CopyOnWrite(spec)
        boxedStatus = CopyOnWrite(status)
    }
}

/// Where a pod stands, as the scheduler and kubelet report it.
public struct PodStatus: Codable, Hashable, Sendable {
    /// Pending, Running, Succeeded, Failed or Unknown.
    public var phase: String?
    /// PodScheduled, Initialized, ContainersReady, Ready, and readiness gates' conditions.
    public var conditions: [PodCondition]?
    /// Why the pod is in its phase, for people.
    public var message: String?
    /// Why the pod is in its phase, in one CamelCase word (`Evicted`).
    public var reason: String?
    /// The node the pod will run on once the pods it preempted are gone.
    public var nominatedNodeName: String?
    /// The address of the pod's node.
    public var hostIP: String?
    /// The addresses of the pod's node, one per IP family.
    public var hostIPs: [HostIP]?
    /// The pod's address.
    public var podIP: String?
    /// The pod's addresses, one per IP family.
    public var podIPs: [PodIP]?
    /// When the kubelet accepted the pod, before its images were pulled.
    public var startTime: Timestamp?
    /// The init containers, as the kubelet last saw them.
    public var initContainerStatuses: [ContainerStatus]?
    /// The app containers, as the kubelet last saw them.
    public var containerStatuses: [ContainerStatus]?
    /// Guaranteed, Burstable or BestEffort.
    public var qosClass: String?
    /// The ephemeral containers, as the kubelet last saw them.
    public var ephemeralContainerStatuses: [ContainerStatus]?
    /// Where an in-place resize stands: Proposed, InProgress, Deferred or Infeasible.
    public var resize: String?
    /// The ResourceClaims made for the pod.
    public var resourceClaimStatuses: [PodResourceClaimStatus]?

    public init(
        phase: String? = nil, conditions: [PodCondition]? = nil, message: String? = nil,
        reason: String? = nil, nominatedNodeName: String? = nil, hostIP: String? = nil,
        hostIPs: [HostIP]? = nil, podIP: String? = nil, podIPs: [PodIP]? = nil,
        startTime: Timestamp? = nil, initContainerStatuses: [ContainerStatus]? = nil,
        containerStatuses: [ContainerStatus]? = nil, qosClass: String? = nil,
        ephemeralContainerStatuses: [ContainerStatus]? = nil, resize: String? = nil,
        resourceClaimStatuses: [PodResourceClaimStatus]? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.message = message
        self.reason = reason
        self.nominatedNodeName = nominatedNodeName
        self.hostIP = hostIP
        self.hostIPs = hostIPs
        self.podIP = podIP
        self.podIPs = podIPs
        self.startTime = startTime
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
        self.qosClass = qosClass
        self.ephemeralContainerStatuses = ephemeralContainerStatuses
        self.resize = resize
        self.resourceClaimStatuses = resourceClaimStatuses
    }
}

/// One aspect of a pod's state.
public struct PodCondition: Codable, Hashable, Sendable {
    /// PodScheduled, Initialized, ContainersReady, Ready, PodReadyToStartContainers,
    /// DisruptionTarget, or a readiness gate's type.
    public var type: String?
    /// "True", "False" or "Unknown".
    public var status: String?
    /// When the condition was last checked.
    public var lastProbeTime: Timestamp?
    /// When the status last changed.
    public var lastTransitionTime: Timestamp?
    /// Why the condition last changed, in one CamelCase word.
    public var reason: String?
    /// Why the condition last changed, for people.
    public var message: String?

    public init(
        type: String? = nil, status: String? = nil, lastProbeTime: Timestamp? = nil,
        lastTransitionTime: Timestamp? = nil, reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// An address of a pod.
public struct PodIP: Codable, Hashable, Sendable {
    public var ip: String?

    public init(ip: String? = nil) {
        self.ip = ip
    }
}

/// An address of a pod's node.
public struct HostIP: Codable, Hashable, Sendable {
    public var ip: String?

    public init(ip: String? = nil) {
        self.ip = ip
    }
}

/// A ResourceClaim made for a pod from one of its templates.
public struct PodResourceClaimStatus: Codable, Hashable, Sendable {
    /// The name of the entry in the pod's resourceClaims.
    public var name: String?
    /// The claim made for it.
    public var resourceClaimName: String?

    public init(name: String? = nil, resourceClaimName: String? = nil) {
        self.name = name
        self.resourceClaimName = resourceClaimName
    }
}

/// One container of a pod, as the kubelet last saw it.
public struct ContainerStatus: Codable, Hashable, Sendable {
    /// The container's name in the pod spec.
    public var name: String?
    /// What the container is doing now.
    public var state: ContainerState?
    /// How the container's previous run ended.
    public var lastState: ContainerState?
    /// Whether the container passes its readiness probe.
    public var ready: Bool?
    /// How many times the container has been restarted.
    public var restartCount: Int32?
    /// The image the container runs.
    public var image: String?
    /// The image's ID (digest).
    public var imageID: String?
    /// `<runtime>://<id>`.
    public var containerID: String?
    /// Whether the container has passed its startup probe.
    public var started: Bool?
    /// The resources the node has allocated to the container.
    public var allocatedResources: ResourceList?
    /// The resources the container runs with now.
    public var resources: ResourceRequirements?
    /// The container's mounts.
    public var volumeMounts: [VolumeMountStatus]?

    public init(
        name: String? = nil, state: ContainerState? = nil, lastState: ContainerState? = nil,
        ready: Bool? = nil, restartCount: Int32? = nil, image: String? = nil, imageID: String? = nil,
        containerID: String? = nil, started: Bool? = nil, allocatedResources: ResourceList? = nil,
        resources: ResourceRequirements? = nil, volumeMounts: [VolumeMountStatus]? = nil
    ) {
        self.name = name
        self.state = state
        self.lastState = lastState
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.started = started
        self.allocatedResources = allocatedResources
        self.resources = resources
        self.volumeMounts = volumeMounts
    }
}

/// The state of a container: exactly one of waiting, running or terminated.
public struct ContainerState: Codable, Hashable, Sendable {
    public var waiting: ContainerStateWaiting?
    public var running: ContainerStateRunning?
    public var terminated: ContainerStateTerminated?

    public init(
        waiting: ContainerStateWaiting? = nil, running: ContainerStateRunning? = nil,
        terminated: ContainerStateTerminated? = nil
    ) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }
}

/// A container that has not started yet.
public struct ContainerStateWaiting: Codable, Hashable, Sendable {
    /// Why, in one CamelCase word (`ContainerCreating`, `ImagePullBackOff`, `CrashLoopBackOff`).
    public var reason: String?
    public var message: String?

    public init(reason: String? = nil, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}

/// A running container.
public struct ContainerStateRunning: Codable, Hashable, Sendable {
    public var startedAt: Timestamp?

    public init(startedAt: Timestamp? = nil) {
        self.startedAt = startedAt
    }
}

/// A container that has exited.
public struct ContainerStateTerminated: Codable, Hashable, Sendable {
    public var exitCode: Int32?
    /// The signal that ended the container, if one did.
    public var signal: Int32?
    /// Why, in one CamelCase word (`Completed`, `Error`, `OOMKilled`).
    public var reason: String?
    public var message: String?
    public var startedAt: Timestamp?
    public var finishedAt: Timestamp?
    public var containerID: String?

    public init(
        exitCode: Int32? = nil, signal: Int32? = nil, reason: String? = nil, message: String? = nil,
        startedAt: Timestamp? = nil, finishedAt: Timestamp? = nil, containerID: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }
}

/// A mount of a container, as the kubelet reports it.
public struct VolumeMountStatus: Codable, Hashable, Sendable {
    public var name: String?
    public var mountPath: String?
    public var readOnly: Bool?
    public var recursiveReadOnly: String?

    public init(
        name: String? = nil, mountPath: String? = nil, readOnly: Bool? = nil,
        recursiveReadOnly: String? = nil
    ) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
    }
}

/// The phases of a pod.
public enum PodPhase {
    /// Accepted, but not all containers are running yet.
    public static let pending = "Pending"
    /// Bound to a node, with at least one container running.
    public static let running = "Running"
    /// Every container exited successfully and will not be restarted.
    public static let succeeded = "Succeeded"
    /// Every container exited, and at least one failed.
    public static let failed = "Failed"
    /// The pod's state could not be found out.
    public static let unknown = "Unknown"
    public static let all = [pending, running, succeeded, failed, unknown]
}

/// The condition types a pod reports.
public enum PodConditionType {
    public static let podScheduled = "PodScheduled"
    public static let podReadyToStartContainers = "PodReadyToStartContainers"
    public static let initialized = "Initialized"
    public static let containersReady = "ContainersReady"
    public static let ready = "Ready"
    public static let disruptionTarget = "DisruptionTarget"
}

/// The quality-of-service classes of a pod.
public enum PodQOSClass {
    /// Every container has equal requests and limits for cpu and memory.
    public static let guaranteed = "Guaranteed"
    /// At least one container has a cpu or memory request or limit.
    public static let burstable = "Burstable"
    /// No container has cpu or memory requests or limits.
    public static let bestEffort = "BestEffort"
}
