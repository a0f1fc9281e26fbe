/// A volume of a pod (`v1.Volume`): a name the containers mount it by, and exactly one source.
///
/// The common sources are typed; the legacy in-tree cloud and network sources are kept as
/// written, so manifests that use them still read back unchanged.
public struct Volume: Codable, Hashable, Sendable {
    /// A DNS-1123 label, unique within the pod.
    public var name: String?
    /// A directory of the node.
    public var hostPath: HostPathVolumeSource?
    /// An empty directory that lives as long as the pod.
    public var emptyDir: EmptyDirVolumeSource?
    /// The keys of a Secret, as files.
    public var secret: SecretVolumeSource?
    /// An NFS export.
    public var nfs: NFSVolumeSource?
    /// A PersistentVolumeClaim in the pod's namespace.
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    /// Fields of the pod, as files.
    public var downwardAPI: DownwardAPIVolumeSource?
    /// The keys of a ConfigMap, as files.
    public var configMap: ConfigMapVolumeSource?
    /// Several sources (secrets, config maps, downward API, tokens) in one directory.
    public var projected: ProjectedVolumeSource?
    /// A volume from a CSI driver, for the pod alone.
    public var csi: CSIVolumeSource?
    /// A claim made for the pod from a template, deleted with it.
    public var ephemeral: EphemeralVolumeSource?
    /// An OCI image or artifact, read-only.
    public var image: ImageVolumeSource?
    public var gcePersistentDisk: JSONValue?
    public var awsElasticBlockStore: JSONValue?
    public var gitRepo: JSONValue?
    public var iscsi: JSONValue?
    public var glusterfs: JSONValue?
    public var rbd: JSONValue?
    public var flexVolume: JSONValue?
    public var cinder: JSONValue?
    public var cephfs: JSONValue?
    public var flocker: JSONValue?
    public var fc: JSONValue?
    public var azureFile: JSONValue?
    public var vsphereVolume: JSONValue?
    public var quobyte: JSONValue?
    public var azureDisk: JSONValue?
    public var photonPersistentDisk: JSONValue?
    public var portworxVolume: JSONValue?
    public var scaleIO: JSONValue?
    public var storageos: JSONValue?

    public init(
        name: String? = nil, hostPath: HostPathVolumeSource? = nil,
        emptyDir: EmptyDirVolumeSource? = nil, secret: SecretVolumeSource? = nil,
        nfs: NFSVolumeSource? = nil, persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil,
        downwardAPI: DownwardAPIVolumeSource? = nil, configMap: ConfigMapVolumeSource? = nil,
        projected: ProjectedVolumeSource? = nil, csi: CSIVolumeSource? = nil,
        ephemeral: EphemeralVolumeSource? = nil, image: ImageVolumeSource? = nil,
        gcePersistentDisk: JSONValue? = nil, awsElasticBlockStore: JSONValue? = nil,
        gitRepo: JSONValue? = nil, iscsi: JSONValue? = nil, glusterfs: JSONValue? = nil,
        rbd: JSONValue? = nil, flexVolume: JSONValue? = nil, cinder: JSONValue? = nil,
        cephfs: JSONValue? = nil, flocker: JSONValue? = nil, fc: JSONValue? = nil,
        azureFile: JSONValue? = nil, vsphereVolume: JSONValue? = nil, quobyte: JSONValue? = nil,
        azureDisk: JSONValue? = nil, photonPersistentDisk: JSONValue? = nil,
        portworxVolume: JSONValue? = nil, scaleIO: JSONValue? = nil, storageos: JSONValue? = nil
    ) {
        self.name = name
        self.hostPath = hostPath
        self.emptyDir = emptyDir
        self.secret = secret
        self.nfs = nfs
        self.persistentVolumeClaim = persistentVolumeClaim
        self.downwardAPI = downwardAPI
        self.configMap = configMap
        self.projected = projected
        self.csi = csi
        self.ephemeral = ephemeral
        self.image = image
        self.gcePersistentDisk = gcePersistentDisk
        self.awsElasticBlockStore = awsElasticBlockStore
        self.gitRepo = gitRepo
        self.iscsi = iscsi
        self.glusterfs = glusterfs
        self.rbd = rbd
        self.flexVolume = flexVolume
        self.cinder = cinder
        self.cephfs = cephfs
        self.flocker = flocker
        self.fc = fc
        self.azureFile = azureFile
        self.vsphereVolume = vsphereVolume
        self.quobyte = quobyte
        self.azureDisk = azureDisk
        self.photonPersistentDisk = photonPersistentDisk
        self.portworxVolume = portworxVolume
        self.scaleIO = scaleIO
        self.storageos = storageos
    }
}

/// A directory (or file, socket, device) of the node.
public struct HostPathVolumeSource: Codable, Hashable, Sendable {
    /// The path on the node.
    public var path: String?
    /// What must be at the path: "" (no check), DirectoryOrCreate, Directory, FileOrCreate,
    /// File, Socket, CharDevice or BlockDevice.
    public var type: String?

    public init(path: String? = nil, type: String? = nil) {
        self.path = path
        self.type = type
    }
}

/// An empty directory for the pod's lifetime, on disk or in memory.
public struct EmptyDirVolumeSource: Codable, Hashable, Sendable {
    /// "" for the node's disk, or `Memory` for a tmpfs.
    public var medium: String?
    /// The most the directory may hold.
    public var sizeLimit: Quantity?

    public init(medium: String? = nil, sizeLimit: Quantity? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}

/// A Secret's keys as files.
public struct SecretVolumeSource: Codable, Hashable, Sendable {
    public var secretName: String?
    /// Which keys, under which paths; every key by its own name when absent.
    public var items: [KeyToPath]?
    /// File mode bits; 0644 by default.
    public var defaultMode: Int32?
    /// Whether the Secret may be missing.
    public var optional: Bool?

    public init(
        secretName: String? = nil, items: [KeyToPath]? = nil, defaultMode: Int32? = nil,
        optional: Bool? = nil
    ) {
        self.secretName = secretName
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// A ConfigMap's keys as files.
public struct ConfigMapVolumeSource: Codable, Hashable, Sendable {
    public var name: String?
    /// Which keys, under which paths; every key by its own name when absent.
    public var items: [KeyToPath]?
    /// File mode bits; 0644 by default.
    public var defaultMode: Int32?
    /// Whether the ConfigMap may be missing.
    public var optional: Bool?

    public init(
        name: String? = nil, items: [KeyToPath]? = nil, defaultMode: Int32? = nil,
        optional: Bool? = nil
    ) {
        self.name = name
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// One key of a ConfigMap or Secret, as a file at a relative path.
public struct KeyToPath: Codable, Hashable, Sendable {
    public var key: String?
    public var path: String?
    /// File mode bits of this file.
    public var mode: Int32?

    public init(key: String? = nil, path: String? = nil, mode: Int32? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}

/// An NFS export.
public struct NFSVolumeSource: Codable, Hashable, Sendable {
    /// The NFS server's host name or address.
    public var server: String?
    /// The exported path.
    public var path: String?
    public var readOnly: Bool?

    public init(server: String? = nil, path: String? = nil, readOnly: Bool? = nil) {
        self.server = server
        self.path = path
        self.readOnly = readOnly
    }
}

/// A PersistentVolumeClaim mounted by a pod.
public struct PersistentVolumeClaimVolumeSource: Codable, Hashable, Sendable {
    /// The claim, in the pod's namespace.
    public var claimName: String?
    public var readOnly: Bool?

    public init(claimName: String? = nil, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}

/// Fields of the pod as files.
public struct DownwardAPIVolumeSource: Codable, Hashable, Sendable {
    public var items: [DownwardAPIVolumeFile]?
    /// File mode bits; 0644 by default.
    public var defaultMode: Int32?

    public init(items: [DownwardAPIVolumeFile]? = nil, defaultMode: Int32? = nil) {
        self.items = items
        self.defaultMode = defaultMode
    }
}

/// One field of the pod (or resource of a container) as a file.
public struct DownwardAPIVolumeFile: Codable, Hashable, Sendable {
    /// The file's relative path.
    public var path: String?
    public var fieldRef: ObjectFieldSelector?
    public var resourceFieldRef: ResourceFieldSelector?
    public var mode: Int32?

    public init(
        path: String? = nil, fieldRef: ObjectFieldSelector? = nil,
        resourceFieldRef: ResourceFieldSelector? = nil, mode: Int32? = nil
    ) {
        self.path = path
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.mode = mode
    }
}

/// Several sources in one directory.
public struct ProjectedVolumeSource: Codable, Hashable, Sendable {
    public var sources: [VolumeProjection]?
    /// File mode bits; 0644 by default.
    public var defaultMode: Int32?

    public init(sources: [VolumeProjection]? = nil, defaultMode: Int32? = nil) {
        self.sources = sources
        self.defaultMode = defaultMode
    }
}

/// One source of a projected volume: exactly one of its fields.
public struct VolumeProjection: Codable, Hashable, Sendable {
    public var secret: SecretProjection?
    public var downwardAPI: DownwardAPIProjection?
    public var configMap: ConfigMapProjection?
    public var serviceAccountToken: ServiceAccountTokenProjection?
    public var clusterTrustBundle: ClusterTrustBundleProjection?

    public init(
        secret: SecretProjection? = nil, downwardAPI: DownwardAPIProjection? = nil,
        configMap: ConfigMapProjection? = nil,
        serviceAccountToken: ServiceAccountTokenProjection? = nil,
        clusterTrustBundle: ClusterTrustBundleProjection? = nil
    ) {
        self.secret = secret
        self.downwardAPI = downwardAPI
        self.configMap = configMap
        self.serviceAccountToken = serviceAccountToken
        self.clusterTrustBundle = clusterTrustBundle
    }
}

/// A Secret's keys in a projected volume.
public struct SecretProjection: Codable, Hashable, Sendable {
    public var name: String?
    public var items: [KeyToPath]?
    public var optional: Bool?

    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// A ConfigMap's keys in a projected volume.
public struct ConfigMapProjection: Codable, Hashable, Sendable {
    public var name: String?
    public var items: [KeyToPath]?
    public var optional: Bool?

    public init(name: String? = nil, items: [KeyToPath]? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// Fields of the pod in a projected volume.
public struct DownwardAPIProjection: Codable, Hashable, Sendable {
    public var items: [DownwardAPIVolumeFile]?

    public init(items: [DownwardAPIVolumeFile]? = nil) {
        self.items = items
    }
}

/// A service account token in a projected volume.
public struct ServiceAccountTokenProjection: Codable, Hashable, Sendable {
    /// Who the token is meant for; the API server by default.
    public var audience: String?
    /// How long the token is valid; 3600 seconds by default, at least 600.
    public var expirationSeconds: Int64?
    /// The file's relative path.
    public var path: String?

    public init(audience: String? = nil, expirationSeconds: Int64? = nil, path: String? = nil) {
        self.audience = audience
        self.expirationSeconds = expirationSeconds
        self.path = path
    }
}

/// The certificates of ClusterTrustBundles in a projected volume.
public struct ClusterTrustBundleProjection: Codable, Hashable, Sendable {
    public var name: String?
    public var signerName: String?
    public var labelSelector: LabelSelector?
    public var optional: Bool?
    public var path: String?

    public init(
        name: String? = nil, signerName: String? = nil, labelSelector: LabelSelector? = nil,
        optional: Bool? = nil, path: String? = nil
    ) {
        self.name = name
        self.signerName = signerName
        self.labelSelector = labelSelector
        self.optional = optional
        self.path = path
    }
}

/// A volume from a CSI driver, made for the pod alone.
public struct CSIVolumeSource: Codable, Hashable, Sendable {
    /// The driver's name, e.g. `fuse.csi.fluid.io`.
    public var driver: String?
    public var readOnly: Bool?
    public var fsType: String?
    /// Driver-specific settings.
    public var volumeAttributes: [String: String]?
    /// A Secret with what the driver needs to publish the volume.
    public var nodePublishSecretRef: LocalObjectReference?

    public init(
        driver: String? = nil, readOnly: Bool? = nil, fsType: String? = nil,
        volumeAttributes: [String: String]? = nil, nodePublishSecretRef: LocalObjectReference? = nil
    ) {
        self.driver = driver
        self.readOnly = readOnly
        self.fsType = fsType
        self.volumeAttributes = volumeAttributes
        self.nodePublishSecretRef = nodePublishSecretRef
    }
}

/// A PersistentVolumeClaim made for the pod from a template, and deleted with it.
public struct EphemeralVolumeSource: Codable, Hashable, Sendable {
    public var volumeClaimTemplate: PersistentVolumeClaimTemplate?

    public init(volumeClaimTemplate: PersistentVolumeClaimTemplate? = nil) {
        self.volumeClaimTemplate = volumeClaimTemplate
    }
}

/// The claim an ephemeral volume makes.
public struct PersistentVolumeClaimTemplate: Codable, Hashable, Sendable {
    /// Labels and annotations of the claim.
    public var metadata: ObjectMeta?
    public var spec: PersistentVolumeClaimSpec?

    public init(metadata: ObjectMeta? = nil, spec: PersistentVolumeClaimSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// An OCI image or artifact mounted read-only.
public struct ImageVolumeSource: Codable, Hashable, Sendable {
    public var reference: String?
    /// Always, IfNotPresent or Never.
    public var pullPolicy: String?

    public init(reference: String? = nil, pullPolicy: String? = nil) {
        self.reference = reference
        self.pullPolicy = pullPolicy
    }
}

/// What a hostPath volume expects at its path.
public enum HostPathType {
    /// In the order upstream lists them in messages.
    public static let all = [
        "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate",
        "Socket",
    ]
}

extension Volume {
    /// File mode bits of files in secret, configMap, downwardAPI and projected volumes unless
    /// they say otherwise: 0644.
    public static let defaultMode: Int32 = 0o644
}
