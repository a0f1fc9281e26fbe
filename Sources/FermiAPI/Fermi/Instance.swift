/// An interactive development environment (`fermi.dev/v1alpha1`): a notebook, a training
/// box, an inference sandbox or a custom container that a person starts and stops, with
/// resources inside the platform's ranges and ports reached through Jupyter, SSH, a web
/// terminal or a URL per port. A stopped instance gives back its GPUs and cores and keeps
/// its storage.
public struct Instance: StatusHavingObject {
    public static let resource = APIResource(
        group: "fermi.dev", version: "v1alpha1", kind: "Instance", plural: "instances",
        shortNames: ["inst"], namespaced: true)

    public var apiVersion = Instance.resource.apiVersion
    public var kind = Instance.resource.kind
    public var metadata: ObjectMeta
    public var spec: InstanceSpec
    public var status: InstanceStatus?

    public init(metadata: ObjectMeta, spec: InstanceSpec = InstanceSpec(), status: InstanceStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What an instance runs and with what.
public struct InstanceSpec: Codable, Hashable, Sendable {
    /// notebook, training, inference or custom; each but custom presets the image, ports and
    /// command. notebook by default.
    public var type: String?
    /// The container image (`jupyter-pytorch-notebook:latest`); the type's preset when absent.
    public var image: String?
    /// GPUs, cores, memory and storage, each within the platform's range.
    public var resources: InstanceResources?
    /// The ports exposed, each reachable at an endpoint; the type's preset when absent.
    public var ports: [InstancePort]?
    /// Environment variables of the container.
    public var env: [InstanceEnvVar]?
    /// The container's entry point; the type's preset when absent.
    public var command: [String]?
    /// Arguments to the command.
    public var args: [String]?
    /// Always, OnFailure or Never: what happens when the container exits while the instance
    /// should run; Always by default.
    public var restartPolicy: String?
    /// Whether the instance should run; set false to stop it and true to start it again.
    /// true by default.
    public var running: Bool?
    /// How long the instance may be idle (no kernel, terminal or SSH activity) before it is
    /// stopped, as a Go duration (`72h`); never when absent.
    public var idleTimeout: String?
    /// When the instance is deleted, whatever its state; a warning comes ahead of time.
    public var expiry: Timestamp?
    /// Labels the instance's node must carry (`nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB`).
    public var nodeSelector: [String: String]?

    public init(
        type: String? = nil, image: String? = nil, resources: InstanceResources? = nil,
        ports: [InstancePort]? = nil, env: [InstanceEnvVar]? = nil, command: [String]? = nil,
        restartPolicy: String? = nil, running: Bool? = nil, idleTimeout: String? = nil,
        expiry: Timestamp? = nil
    ) {
        self.type = type
        self.image = image
        self.resources = resources
        self.ports = ports
        self.env = env
        self.command = command
        self.restartPolicy = restartPolicy
        self.running = running
        self.idleTimeout = idleTimeout
        self.expiry = expiry
    }
}

/// What an instance asks for, within the platform's ranges.
public struct InstanceResources: Codable, Hashable, Sendable {
    /// Whole GPUs, 0–8; 0 by default.
    public var gpu: Int32?
    /// The GPU product wanted (`NVIDIA-A100-SXM4-80GB`); any when absent.
    public var gpuProduct: String?
    /// Cores, 4–128; 4 by default.
    public var cpu: Quantity?
    /// Memory, 16Gi–1Ti; 16Gi by default.
    public var memory: Quantity?
    /// Persistent storage, kept while the instance is stopped, 50Gi–2Ti; 50Gi by default.
    public var storage: Quantity?

    public init(
        gpu: Int32? = nil, gpuProduct: String? = nil, cpu: Quantity? = nil, memory: Quantity? = nil,
        storage: Quantity? = nil
    ) {
        self.gpu = gpu
        self.gpuProduct = gpuProduct
        self.cpu = cpu
        self.memory = memory
        self.storage = storage
    }
}

/// A port an instance exposes.
public struct InstancePort: Codable, Hashable, Sendable {
    /// The port's name, an IANA service name (`jupyter`, `tensorboard`, `ssh`, `http`).
    public var name: String?
    /// The container port, 1–65535 (Jupyter 8888, TensorBoard 6006, SSH 22).
    public var port: Int32?
    /// TCP or UDP; TCP by default.
    public var `protocol`: String?

    public init(name: String? = nil, port: Int32? = nil, protocol: String? = nil) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
    }
}

/// An environment variable of an instance's container.
public struct InstanceEnvVar: Codable, Hashable, Sendable {
    public var name: String?
    public var value: String?

    public init(name: String? = nil, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// Where an instance is, how to reach it, and what it has cost.
public struct InstanceStatus: Codable, Hashable, Sendable {
    /// The generation of the spec this status describes.
    public var observedGeneration: Int64?
    /// Pending, Creating, Running, Stopping, Stopped or Failed.
    public var phase: String?
    /// The node the instance runs on, while it runs.
    public var nodeName: String?
    /// How to reach the instance while it runs.
    public var endpoints: InstanceEndpoints?
    /// What the instance has cost since it was created, in the pools' currency (`42.50`).
    public var costSoFar: Quantity?
    /// What its runs that have ended cost; the current run's cost is added to it as it goes.
    public var settledCost: Quantity?
    /// The last time someone used the instance; idle time counts from here.
    public var lastActivityTime: Timestamp?
    /// When the instance last started running.
    public var startTime: Timestamp?
    /// Why the instance is in its phase, in one CamelCase word (`IdleTimeout`).
    public var reason: String?
    /// Why, for people.
    public var message: String?
    /// Ready, IdleWarning, ExpiryWarning and the like.
    public var conditions: [Condition]?

    public init(
        observedGeneration: Int64? = nil, phase: String? = nil, nodeName: String? = nil,
        endpoints: InstanceEndpoints? = nil, costSoFar: Quantity? = nil,
        lastActivityTime: Timestamp? = nil, conditions: [Condition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.phase = phase
        self.nodeName = nodeName
        self.endpoints = endpoints
        self.costSoFar = costSoFar
        self.lastActivityTime = lastActivityTime
        self.conditions = conditions
    }
}

/// The ways into a running instance.
public struct InstanceEndpoints: Codable, Hashable, Sendable {
    /// The Jupyter URL (`https://jupyter.example/ns/name/?token=…`).
    public var jupyter: String?
    /// The SSH address (`ssh -p 30022 root@10.0.0.7` as `root@10.0.0.7:30022`).
    public var ssh: String?
    /// The browser terminal's URL.
    public var webTerminal: String?
    /// A URL for each exposed port.
    public var ports: [InstancePortEndpoint]?

    public init(
        jupyter: String? = nil, ssh: String? = nil, webTerminal: String? = nil,
        ports: [InstancePortEndpoint]? = nil
    ) {
        self.jupyter = jupyter
        self.ssh = ssh
        self.webTerminal = webTerminal
        self.ports = ports
    }
}

/// Where one exposed port of an instance is reached.
public struct InstancePortEndpoint: Codable, Hashable, Sendable {
    public var name: String?
    public var port: Int32?
    /// The address or URL the port is reached at.
    public var url: String?

    public init(name: String? = nil, port: Int32? = nil, url: String? = nil) {
        self.name = name
        self.port = port
        self.url = url
    }
}

/// The kinds of instance; each but custom is a preset of image, ports and command.
public enum InstanceType {
    public static let notebook = "notebook"
    public static let training = "training"
    public static let inference = "inference"
    public static let custom = "custom"
    public static let all = [notebook, training, inference, custom]
}

/// Where an instance is in its life.
public enum InstancePhase {
    public static let pending = "Pending"
    public static let creating = "Creating"
    public static let running = "Running"
    public static let stopping = "Stopping"
    public static let stopped = "Stopped"
    public static let failed = "Failed"
    public static let all = [pending, creating, running, stopping, stopped, failed]
}

/// What the container does when it exits.
public enum InstanceRestartPolicy {
    public static let always = "Always"
    public static let onFailure = "OnFailure"
    public static let never = "Never"
    public static let all = [always, onFailure, never]
}

/// The annotations through which people and the platform mark when an object was last used
/// and when it goes.
public enum LifetimeAnnotations {
    /// When someone last used the object (RFC 3339); `fermi start` sets it.
    public static let lastActivity = "fermi.dev/last-activity"
    /// When the object is deleted (RFC 3339).
    public static let expiresAt = "fermi.dev/expires-at"
    /// How long after its creation the object is deleted (`168h` for a week).
    public static let expiresAfter = "fermi.dev/expires-after"
    /// How long before an idle stop or an expiry the warning comes (24h by default).
    public static let warningLead = "fermi.dev/warning-lead"
    /// The warning lead when an object does not say.
    public static let defaultWarningLead: Duration = .seconds(24 * 3600)
}
