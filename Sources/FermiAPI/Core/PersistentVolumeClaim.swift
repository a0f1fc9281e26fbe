/// A PersistentVolumeClaim (`v1`): a request for storage that pods mount by name; a pod that
/// mounts a claim which does not exist, or is not bound, waits.
public struct PersistentVolumeClaim: StatusHavingObject {
    public static let resource = APIResource(
        group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims",
        shortNames: ["pvc"], namespaced: true)

    public var apiVersion = PersistentVolumeClaim.resource.apiVersion
    public var kind = PersistentVolumeClaim.resource.kind
    public var metadata: ObjectMeta
    public var spec: PersistentVolumeClaimSpec
    public var status: PersistentVolumeClaimStatus?

    public init(
        metadata: ObjectMeta, spec: PersistentVolumeClaimSpec = PersistentVolumeClaimSpec(),
        status: PersistentVolumeClaimStatus? = nil
    ) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// The storage a claim asks for.
public struct PersistentVolumeClaimSpec: Codable, Hashable, Sendable {
    /// How the volume may be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany,
    /// ReadWriteOncePod.
    public var accessModes: [String]?
    /// Labels that the volume bound to the claim must have.
    public var selector: LabelSelector?
    /// How much storage is asked for (`requests.storage`), and at most.
    public var resources: VolumeResourceRequirements?
    /// The volume bound to the claim.
    public var volumeName: String?
    /// The StorageClass to provision from; empty asks for a volume with no class.
    public var storageClassName: String?
    /// Filesystem (the default) or Block.
    public var volumeMode: String?
    /// A snapshot or claim to fill the new volume from.
    public var dataSource: TypedLocalObjectReference?
    /// Any object to fill the new volume from, possibly in another namespace.
    public var dataSourceRef: TypedObjectReference?
    /// The VolumeAttributesClass the claim uses.
    public var volumeAttributesClassName: String?

    public init(
        accessModes: [String]? = nil, resources: VolumeResourceRequirements? = nil,
        storageClassName: String? = nil, volumeName: String? = nil, volumeMode: String? = nil,
        selector: LabelSelector? = nil
    ) {
        self.accessModes = accessModes
        self.resources = resources
        self.storageClassName = storageClassName
        self.volumeName = volumeName
        self.volumeMode = volumeMode
        self.selector = selector
    }
}

/// The storage a volume claim asks for, and the most it may use.
public struct VolumeResourceRequirements: Codable, Hashable, Sendable {
    public var limits: ResourceList?
    /// `storage` is required.
    public var requests: ResourceList?

    public init(limits: ResourceList? = nil, requests: ResourceList? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

/// A reference to an object in the same namespace, by API group, kind and name.
public struct TypedLocalObjectReference: Codable, Hashable, Sendable {
    /// The group of the kind; empty or absent for the core group.
    public var apiGroup: String?
    public var kind: String?
    public var name: String?

    public init(apiGroup: String? = nil, kind: String? = nil, name: String? = nil) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}

/// A reference to an object by API group, kind, name and, optionally, namespace.
public struct TypedObjectReference: Codable, Hashable, Sendable {
    /// The group of the kind; empty or absent for the core group.
    public var apiGroup: String?
    public var kind: String?
    public var name: String?
    /// The object's namespace, when it is not the claim's.
    public var namespace: String?

    public init(
        apiGroup: String? = nil, kind: String? = nil, name: String? = nil, namespace: String? = nil
    ) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }
}

/// Whether a claim is bound, and to how much storage.
public struct PersistentVolumeClaimStatus: Codable, Hashable, Sendable {
    /// Pending, Bound or Lost.
    public var phase: String?
    /// The access modes of the bound volume.
    public var accessModes: [String]?
    /// The storage of the bound volume.
    public var capacity: ResourceList?
    /// Resizing progress, among others.
    public var conditions: [PersistentVolumeClaimCondition]?
    /// The storage allocated to the claim, which may exceed the request while resizing.
    public var allocatedResources: ResourceList?
    /// Where each resize stands, by resource.
    public var allocatedResourceStatuses: [String: String]?
    /// The VolumeAttributesClass the bound volume uses now.
    public var currentVolumeAttributesClassName: String?
    /// Where a change of VolumeAttributesClass stands.
    public var modifyVolumeStatus: ModifyVolumeStatus?

    public init(
        phase: String? = nil, accessModes: [String]? = nil, capacity: ResourceList? = nil,
        conditions: [PersistentVolumeClaimCondition]? = nil
    ) {
        self.phase = phase
        self.accessModes = accessModes
        self.capacity = capacity
        self.conditions = conditions
    }
}

/// One aspect of a claim's state, such as `Resizing` or `FileSystemResizePending`.
public struct PersistentVolumeClaimCondition: Codable, Hashable, Sendable {
    public var type: String?
    /// "True", "False" or "Unknown".
    public var status: String?
    /// When the condition was last checked.
    public var lastProbeTime: Timestamp?
    public var lastTransitionTime: Timestamp?
    /// Why the condition last changed, in one CamelCase word.
    public var reason: String?
    /// Why the condition last changed, for people.
    public var message: String?

    public init(
        type: String? = nil, status: String? = nil, reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}

/// Where a change of a claim's VolumeAttributesClass stands.
public struct ModifyVolumeStatus: Codable, Hashable, Sendable {
    /// The class being changed to.
    public var targetVolumeAttributesClassName: String?
    /// Pending, InProgress or Infeasible.
    public var status: String?
}

/// How a volume may be mounted.
public enum PersistentVolumeAccessMode {
    /// Read-write by one node.
    public static let readWriteOnce = "ReadWriteOnce"
    /// Read-only by many nodes.
    public static let readOnlyMany = "ReadOnlyMany"
    /// Read-write by many nodes.
    public static let readWriteMany = "ReadWriteMany"
    /// Read-write by one pod.
    public static let readWriteOncePod = "ReadWriteOncePod"
    /// In the order upstream lists them in messages.
    public static let all = [readOnlyMany, readWriteMany, readWriteOnce, readWriteOncePod]
}

/// The phases of a claim.
public enum PersistentVolumeClaimPhase {
    /// Not yet bound to a volume.
    public static let pending = "Pending"
    /// Bound to a volume.
    public static let bound = "Bound"
    /// The bound volume is gone.
    public static let lost = "Lost"
}

/// How a volume is presented to a pod.
public enum PersistentVolumeMode {
    public static let block = "Block"
    public static let filesystem = "Filesystem"
    public static let all = [block, filesystem]
}
