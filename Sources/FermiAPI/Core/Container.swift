/// One container of a pod (`v1.Container`): its image, command, environment, ports,
/// resources, mounts, probes and security settings.
public struct Container: Codable, Hashable, Sendable {
    /// A DNS-1123 label, unique within the pod.
    public var name: String?
    /// The container image, e.g. `pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime`.
    public var image: String?
    /// The entrypoint; the image's ENTRYPOINT when absent.
    public var command: [String]?
    /// Arguments to the entrypoint; the image's CMD when absent.
    public var args: [String]?
    /// The working directory; the image's when absent.
    public var workingDir: String?
    /// Ports the container exposes.
    public var ports: [ContainerPort]?
    /// Sources of many environment variables at once (ConfigMaps, Secrets).
    public var envFrom: [EnvFromSource]?
    /// Environment variables.
    public var env: [EnvVar]?
    /// Compute resources the container needs (requests) and may use at most (limits).
    public var resources: ResourceRequirements?
    /// Whether each resource can be resized in place, or needs a restart.
    public var resizePolicy: [ContainerResizePolicy]?
    /// `Always` makes an init container a sidecar that runs beside the app containers.
    public var restartPolicy: String?
    /// Volumes mounted into the container's filesystem.
    public var volumeMounts: [VolumeMount]?
    /// Block devices the container uses.
    public var volumeDevices: [VolumeDevice]?
    /// Restarts the container when it fails.
    public var livenessProbe: Probe?
    /// Takes the pod out of service endpoints when it fails.
    public var readinessProbe: Probe?
    /// Holds the other probes off until it succeeds once.
    public var startupProbe: Probe?
    /// Actions run right after the container starts and right before it stops.
    public var lifecycle: Lifecycle?
    /// Where the container writes its termination message; `/dev/termination-log` by default.
    public var terminationMessagePath: String?
    /// File (the default) or FallbackToLogsOnError.
    public var terminationMessagePolicy: String?
    /// Always, IfNotPresent or Never; Always for `:latest` or untagged images, else IfNotPresent.
    public var imagePullPolicy: String?
    /// Security settings of the container, over the pod's.
    public var securityContext: SecurityContext?
    /// Whether the container has a stdin.
    public var stdin: Bool?
    /// Whether stdin closes after the first client detaches.
    public var stdinOnce: Bool?
    /// Whether the container has a TTY.
    public var tty: Bool?

    public init(
        name: String? = nil, image: String? = nil, command: [String]? = nil, args: [String]? = nil,
        workingDir: String? = nil, ports: [ContainerPort]? = nil, envFrom: [EnvFromSource]? = nil,
        env: [EnvVar]? = nil, resources: ResourceRequirements? = nil,
        resizePolicy: [ContainerResizePolicy]? = nil, restartPolicy: String? = nil,
        volumeMounts: [VolumeMount]? = nil, volumeDevices: [VolumeDevice]? = nil,
        livenessProbe: Probe? = nil, readinessProbe: Probe? = nil, startupProbe: Probe? = nil,
        lifecycle: Lifecycle? = nil, terminationMessagePath: String? = nil,
        terminationMessagePolicy: String? = nil, imagePullPolicy: String? = nil,
        securityContext: SecurityContext? = nil, stdin: Bool? = nil, stdinOnce: Bool? = nil,
        tty: Bool? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.envFrom = envFrom
        self.env = env
        self.resources = resources
        self.resizePolicy = resizePolicy
        self.restartPolicy = restartPolicy
        self.volumeMounts = volumeMounts
        self.volumeDevices = volumeDevices
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycle = lifecycle
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.imagePullPolicy = imagePullPolicy
        self.securityContext = securityContext
        self.stdin = stdin
        self.stdinOnce = stdinOnce
        self.tty = tty
    }
}

/// A network port a container exposes.
public struct ContainerPort: Codable, Hashable, Sendable {
    /// An IANA service name, unique within the pod, that services may refer to.
    public var name: String?
    /// The port on the node, if any, that maps to the container port.
    public var hostPort: Int32?
    /// The port the container listens on; 1–65535.
    public var containerPort: Int32?
    /// TCP (the default), UDP or SCTP.
    public var `protocol`: String?
    /// The node address the host port binds to.
    public var hostIP: String?

    public init(
        name: String? = nil, hostPort: Int32? = nil, containerPort: Int32? = nil,
        protocol: String? = nil, hostIP: String? = nil
    ) {
        self.name = name
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.`protocol` = `protocol`
        self.hostIP = hostIP
    }
}

/// An environment variable of a container: a value, or where to read it from.
public struct EnvVar: Codable, Hashable, Sendable {
    public var name: String?
    /// The value; `$(VAR)` refers to variables defined earlier.
    public var value: String?
    /// Where the value comes from, when it is not given.
    public var valueFrom: EnvVarSource?

    public init(name: String? = nil, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// Where an environment variable's value comes from: exactly one source.
public struct EnvVarSource: Codable, Hashable, Sendable {
    /// A field of the pod (`metadata.name`, `status.podIP`).
    public var fieldRef: ObjectFieldSelector?
    /// A resource of a container (`limits.cpu`).
    public var resourceFieldRef: ResourceFieldSelector?
    /// A key of a ConfigMap.
    public var configMapKeyRef: ConfigMapKeySelector?
    /// A key of a Secret.
    public var secretKeyRef: SecretKeySelector?

    public init(
        fieldRef: ObjectFieldSelector? = nil, resourceFieldRef: ResourceFieldSelector? = nil,
        configMapKeyRef: ConfigMapKeySelector? = nil, secretKeyRef: SecretKeySelector? = nil
    ) {
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.configMapKeyRef = configMapKeyRef
        self.secretKeyRef = secretKeyRef
    }
}

/// A field of a pod, by path.
public struct ObjectFieldSelector: Codable, Hashable, Sendable {
    /// The version the path is written in; `v1` by default.
    public var apiVersion: String?
    /// e.g. `metadata.name`, `metadata.labels['app']`, `status.podIP`.
    public var fieldPath: String?

    public init(apiVersion: String? = nil, fieldPath: String? = nil) {
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath
    }
}

/// A resource of a container, by name, scaled by a divisor.
public struct ResourceFieldSelector: Codable, Hashable, Sendable {
    /// The container; required in volumes, this container in environment variables.
    public var containerName: String?
    /// `limits.cpu`, `requests.memory`, ...
    public var resource: String?
    /// What the value is divided by; 1 by default.
    public var divisor: Quantity?

    public init(containerName: String? = nil, resource: String? = nil, divisor: Quantity? = nil) {
        self.containerName = containerName
        self.resource = resource
        self.divisor = divisor
    }
}

/// A key of a ConfigMap.
public struct ConfigMapKeySelector: Codable, Hashable, Sendable {
    /// The ConfigMap's name.
    public var name: String?
    public var key: String?
    /// Whether the ConfigMap or key may be missing.
    public var optional: Bool?

    public init(name: String? = nil, key: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// A key of a Secret.
public struct SecretKeySelector: Codable, Hashable, Sendable {
    /// The Secret's name.
    public var name: String?
    public var key: String?
    /// Whether the Secret or key may be missing.
    public var optional: Bool?

    public init(name: String? = nil, key: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// A source of environment variables: every key of a ConfigMap or a Secret.
public struct EnvFromSource: Codable, Hashable, Sendable {
    /// Prepended to every key; a valid environment variable name.
    public var prefix: String?
    public var configMapRef: ConfigMapEnvSource?
    public var secretRef: SecretEnvSource?

    public init(
        prefix: String? = nil, configMapRef: ConfigMapEnvSource? = nil,
        secretRef: SecretEnvSource? = nil
    ) {
        self.prefix = prefix
        self.configMapRef = configMapRef
        self.secretRef = secretRef
    }
}

/// A ConfigMap whose keys become environment variables.
public struct ConfigMapEnvSource: Codable, Hashable, Sendable {
    public var name: String?
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// A Secret whose keys become environment variables.
public struct SecretEnvSource: Codable, Hashable, Sendable {
    public var name: String?
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// The compute resources a container needs and may use.
public struct ResourceRequirements: Codable, Hashable, Sendable {
    /// The most the container may use.
    public var limits: ResourceList?
    /// What the scheduler reserves for the container; the limits when only those are given.
    public var requests: ResourceList?
    /// The pod's ResourceClaims the container uses.
    public var claims: [ResourceClaim]?

    public init(limits: ResourceList? = nil, requests: ResourceList? = nil, claims: [ResourceClaim]? = nil) {
        self.limits = limits
        self.requests = requests
        self.claims = claims
    }
}

/// A pod ResourceClaim a container uses.
public struct ResourceClaim: Codable, Hashable, Sendable {
    /// The name of an entry of the pod's resourceClaims.
    public var name: String?
    /// One request of the claim, when only that one is meant.
    public var request: String?

    public init(name: String? = nil, request: String? = nil) {
        self.name = name
        self.request = request
    }
}

/// How a container resource is resized in place.
public struct ContainerResizePolicy: Codable, Hashable, Sendable {
    /// `cpu` or `memory`.
    public var resourceName: String?
    /// NotRequired or RestartContainer.
    public var restartPolicy: String?

    public init(resourceName: String? = nil, restartPolicy: String? = nil) {
        self.resourceName = resourceName
        self.restartPolicy = restartPolicy
    }
}

/// A volume mounted into a container.
public struct VolumeMount: Codable, Hashable, Sendable {
    /// The name of one of the pod's volumes.
    public var name: String?
    /// Whether the mount is read-only.
    public var readOnly: Bool?
    /// Whether a read-only mount is read-only all the way down: Disabled, IfPossible, Enabled.
    public var recursiveReadOnly: String?
    /// Where the volume appears in the container.
    public var mountPath: String?
    /// A path within the volume to mount instead of its root.
    public var subPath: String?
    /// None, HostToContainer or Bidirectional.
    public var mountPropagation: String?
    /// As subPath, with `$(VAR)` expanded from the container's environment.
    public var subPathExpr: String?

    public init(
        name: String? = nil, readOnly: Bool? = nil, recursiveReadOnly: String? = nil,
        mountPath: String? = nil, subPath: String? = nil, mountPropagation: String? = nil,
        subPathExpr: String? = nil
    ) {
        self.name = name
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
        self.mountPath = mountPath
        self.subPath = subPath
        self.mountPropagation = mountPropagation
        self.subPathExpr = subPathExpr
    }
}

/// A raw block device a container uses.
public struct VolumeDevice: Codable, Hashable, Sendable {
    /// The name of a persistentVolumeClaim volume of the pod.
    public var name: String?
    /// Where the device appears in the container.
    public var devicePath: String?

    public init(name: String? = nil, devicePath: String? = nil) {
        self.name = name
        self.devicePath = devicePath
    }
}

/// When a container's image is pulled.
public enum PullPolicy {
    public static let always = "Always"
    public static let ifNotPresent = "IfNotPresent"
    public static let never = "Never"
    /// In the order upstream lists them in messages.
    public static let all = [always, ifNotPresent, never]
}

/// Where a container's termination message comes from.
public enum TerminationMessagePolicy {
    public static let file = "File"
    public static let fallbackToLogsOnError = "FallbackToLogsOnError"
    public static let all = [file, fallbackToLogsOnError]
}

extension Container {
    /// Where a container writes its termination message unless it says otherwise.
    public static let defaultTerminationMessagePath = "/dev/termination-log"
}
