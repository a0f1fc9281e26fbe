/// A Kueue LocalQueue (`kueue.x-k8s.io/v1beta1`): a namespace's door to a ClusterQueue; jobs
/// name it with the `kueue.x-k8s.io/queue-name` label.
public struct LocalQueue: StatusHavingObject {
    public static let resource = APIResource(
        group: "kueue.x-k8s.io", version: "v1beta1", kind: "LocalQueue", plural: "localqueues",
        shortNames: ["queue", "queues", "lq"], namespaced: true)

    public var apiVersion = LocalQueue.resource.apiVersion
    public var kind = LocalQueue.resource.kind
    public var metadata: ObjectMeta
    public var spec: LocalQueueSpec
    public var status: LocalQueueStatus?

    public init(metadata: ObjectMeta, spec: LocalQueueSpec = LocalQueueSpec(), status: LocalQueueStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// A ClusterQueue named by a DNS subdomain, and a known stop policy.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec", "clusterQueue")
        let queue = spec.clusterQueue ?? ""
        if queue.isEmpty {
            errors.append(.required(path))
        } else {
            errors += NameRules.dns1123Subdomain(queue).map { .invalid(path, queue, $0) }
        }
        if let policy = spec.stopPolicy, !KueueEnums.stopPolicies.contains(policy) {
            errors.append(.notSupported(FieldPath("spec", "stopPolicy"), policy, KueueEnums.stopPolicies))
        }
        return errors
    }

    /// Stop policy None.
    public mutating func setDefaults() {
        if spec.stopPolicy == nil { spec.stopPolicy = "None" }
    }

    /// NAME CLUSTERQUEUE PENDING WORKLOADS ADMITTED WORKLOADS, as the CRD prints it.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("ClusterQueue", jsonPath: ".spec.clusterQueue"),
            PrinterColumn("Pending Workloads", jsonPath: ".status.pendingWorkloads", type: .integer),
            PrinterColumn("Admitted Workloads", jsonPath: ".status.admittedWorkloads", type: .integer),
        ]
    }
}

/// Which ClusterQueue a LocalQueue feeds.
public struct LocalQueueSpec: Codable, Hashable, Sendable {
    public var clusterQueue: String?
    /// None, Hold or HoldAndDrain.
    public var stopPolicy: String?

    public init(clusterQueue: String? = nil, stopPolicy: String? = nil) {
        self.clusterQueue = clusterQueue
        self.stopPolicy = stopPolicy
    }
}

/// What a LocalQueue holds now.
public struct LocalQueueStatus: Codable, Hashable, Sendable {
    public var conditions: [Condition]?
    public var pendingWorkloads: Int32?
    public var reservingWorkloads: Int32?
    public var admittedWorkloads: Int32?
    public var flavorsReservation: [FlavorUsage]?
    public var flavorUsage: [FlavorUsage]?

    public init(pendingWorkloads: Int32? = nil, admittedWorkloads: Int32? = nil) {
        self.pendingWorkloads = pendingWorkloads
        self.admittedWorkloads = admittedWorkloads
    }
}
