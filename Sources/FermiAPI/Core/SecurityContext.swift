/// Security settings of one container (`v1.SecurityContext`); they override the pod's.
public struct SecurityContext: Codable, Hashable, Sendable {
    /// Linux capabilities added to and dropped from the runtime's default set.
    public var capabilities: Capabilities?
    /// Whether the container runs privileged, as root on the host.
    public var privileged: Bool?
    /// The SELinux context of the container.
    public var seLinuxOptions: SELinuxOptions?
    /// Windows-specific settings.
    public var windowsOptions: WindowsSecurityContextOptions?
    /// The user ID the container's process runs as.
    public var runAsUser: Int64?
    /// The group ID the container's process runs as.
    public var runAsGroup: Int64?
    /// Whether the container must run as a user other than root.
    public var runAsNonRoot: Bool?
    /// Whether the container's root filesystem is read-only.
    public var readOnlyRootFilesystem: Bool?
    /// Whether a process may gain more privileges than its parent.
    public var allowPrivilegeEscalation: Bool?
    /// Default or Unmasked.
    public var procMount: String?
    /// The seccomp profile of the container.
    public var seccompProfile: SeccompProfile?
    /// The AppArmor profile of the container.
    public var appArmorProfile: AppArmorProfile?

    public init(
        capabilities: Capabilities? = nil, privileged: Bool? = nil,
        seLinuxOptions: SELinuxOptions? = nil, windowsOptions: WindowsSecurityContextOptions? = nil,
        runAsUser: Int64? = nil, runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil,
        readOnlyRootFilesystem: Bool? = nil, allowPrivilegeEscalation: Bool? = nil,
        procMount: String? = nil, seccompProfile: SeccompProfile? = nil,
        appArmorProfile: AppArmorProfile? = nil
    ) {
        self.capabilities = capabilities
        self.privileged = privileged
        self.seLinuxOptions = seLinuxOptions
        self.windowsOptions = windowsOptions
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.procMount = procMount
        self.seccompProfile = seccompProfile
        self.appArmorProfile = appArmorProfile
    }
}

/// Security settings of a whole pod (`v1.PodSecurityContext`).
public struct PodSecurityContext: Codable, Hashable, Sendable {
    /// The SELinux context of every container.
    public var seLinuxOptions: SELinuxOptions?
    /// Windows-specific settings of every container.
    public var windowsOptions: WindowsSecurityContextOptions?
    /// The user ID every container runs as.
    public var runAsUser: Int64?
    /// The group ID every container runs as.
    public var runAsGroup: Int64?
    /// Whether every container must run as a user other than root.
    public var runAsNonRoot: Bool?
    /// Groups added to every container's process.
    public var supplementalGroups: [Int64]?
    /// Merge (the default) or Strict.
    public var supplementalGroupsPolicy: String?
    /// A group that owns the pod's volumes and is added to every container's process.
    public var fsGroup: Int64?
    /// Kernel parameters set for the pod.
    public var sysctls: [Sysctl]?
    /// OnRootMismatch or Always (the default).
    public var fsGroupChangePolicy: String?
    /// The seccomp profile of every container.
    public var seccompProfile: SeccompProfile?
    /// The AppArmor profile of every container.
    public var appArmorProfile: AppArmorProfile?
    /// MountOption or Recursive.
    public var seLinuxChangePolicy: String?

    public init(
        seLinuxOptions: SELinuxOptions? = nil, windowsOptions: WindowsSecurityContextOptions? = nil,
        runAsUser: Int64? = nil, runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil,
        supplementalGroups: [Int64]? = nil, supplementalGroupsPolicy: String? = nil,
        fsGroup: Int64? = nil, sysctls: [Sysctl]? = nil, fsGroupChangePolicy: String? = nil,
        seccompProfile: SeccompProfile? = nil, appArmorProfile: AppArmorProfile? = nil,
        seLinuxChangePolicy: String? = nil
    ) {
        self.seLinuxOptions = seLinuxOptions
        self.windowsOptions = windowsOptions
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.supplementalGroups = supplementalGroups
        self.supplementalGroupsPolicy = supplementalGroupsPolicy
        self.fsGroup = fsGroup
        self.sysctls = sysctls
        self.fsGroupChangePolicy = fsGroupChangePolicy
        self.seccompProfile = seccompProfile
        self.appArmorProfile = appArmorProfile
        self.seLinuxChangePolicy = seLinuxChangePolicy
    }
}

/// Linux capabilities to add and drop.
public struct Capabilities: Codable, Hashable, Sendable {
    public var add: [String]?
    public var drop: [String]?

    public init(add: [String]? = nil, drop: [String]? = nil) {
        self.add = add
        self.drop = drop
    }
}

/// An SELinux context.
public struct SELinuxOptions: Codable, Hashable, Sendable {
    public var user: String?
    public var role: String?
    public var type: String?
    public var level: String?

    public init(user: String? = nil, role: String? = nil, type: String? = nil, level: String? = nil) {
        self.user = user
        self.role = role
        self.type = type
        self.level = level
    }
}

/// Windows-specific security settings.
public struct WindowsSecurityContextOptions: Codable, Hashable, Sendable {
    public var gmsaCredentialSpecName: String?
    public var gmsaCredentialSpec: String?
    public var runAsUserName: String?
    public var hostProcess: Bool?

    public init(
        gmsaCredentialSpecName: String? = nil, gmsaCredentialSpec: String? = nil,
        runAsUserName: String? = nil, hostProcess: Bool? = nil
    ) {
        self.gmsaCredentialSpecName = gmsaCredentialSpecName
        self.gmsaCredentialSpec = gmsaCredentialSpec
        self.runAsUserName = runAsUserName
        self.hostProcess = hostProcess
    }
}

/// A seccomp profile: RuntimeDefault, Unconfined, or Localhost with a profile file.
public struct SeccompProfile: Codable, Hashable, Sendable {
    public var type: String?
    /// The profile file under the kubelet's seccomp directory; only for Localhost.
    public var localhostProfile: String?

    public init(type: String? = nil, localhostProfile: String? = nil) {
        self.type = type
        self.localhostProfile = localhostProfile
    }
}

/// An AppArmor profile: RuntimeDefault, Unconfined, or Localhost with a profile name.
public struct AppArmorProfile: Codable, Hashable, Sendable {
    public var type: String?
    /// The profile loaded on the node; only for Localhost.
    public var localhostProfile: String?

    public init(type: String? = nil, localhostProfile: String? = nil) {
        self.type = type
        self.localhostProfile = localhostProfile
    }
}

/// A kernel parameter set for a pod.
public struct Sysctl: Codable, Hashable, Sendable {
    public var name: String?
    public var value: String?

    public init(name: String? = nil, value: String? = nil) {
        self.name = name
        self.value = value
    }
}
