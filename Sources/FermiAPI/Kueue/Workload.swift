/// A Kueue Workload (`kueue.x-k8s.io/v1beta1`): the unit of admission — a job's pod sets and
/// what they request, queued in a LocalQueue until a ClusterQueue admits it.
public struct Workload: StatusHavingObject {
    public static let resource = APIResource(
        group: "kueue.x-k8s.io", version: "v1beta1", kind: "Workload", plural: "workloads",
        shortNames: ["wl"], namespaced: true)

    public var apiVersion = Workload.resource.apiVersion
    public var kind = Workload.resource.kind
    public var metadata: ObjectMeta
    public var spec: WorkloadSpec
    public var status: WorkloadStatus?

    public init(metadata: ObjectMeta, spec: WorkloadSpec = WorkloadSpec(), status: WorkloadStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// NAME QUEUE RESERVED IN ADMITTED FINISHED AGE, as the CRD prints it.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Queue", jsonPath: ".spec.queueName"),
            PrinterColumn("Reserved in", jsonPath: ".status.admission.clusterQueue"),
            PrinterColumn("Admitted", jsonPath: #".status.conditions[?(@.type=="Admitted")].status"#),
            PrinterColumn("Finished", jsonPath: #".status.conditions[?(@.type=="Finished")].status"#),
            .age,
        ]
    }
}

/// A workload's pod sets and queueing.
public struct WorkloadSpec: Codable, Hashable, Sendable {
    /// 1–8 sets of identical pods.
    public var podSets: [PodSet]?
    /// The LocalQueue.
    public var queueName: String?
    public var priorityClassName: String?
    public var priority: Int32?
    /// kueue.x-k8s.io/workloadpriorityclass or scheduling.k8s.io/priorityclass.
    public var priorityClassSource: String?
    /// Whether the workload may be admitted; true by default.
    public var active: Bool?
    /// Seconds the workload may run once admitted.
    public var maximumExecutionTimeSeconds: Int32?

    public init(podSets: [PodSet]? = nil, queueName: String? = nil, priorityClassName: String? = nil, priority: Int32? = nil) {
        self.podSets = podSets
        self.queueName = queueName
        self.priorityClassName = priorityClassName
        self.priority = priority
    }
}

/// A set of identical pods.
public struct PodSet: Codable, Hashable, Sendable {
    /// The set's name; `main` by default.
    public var name: String?
    public var template: PodTemplateSpec?
    /// How many pods.
    public var count: Int32?
    /// The fewest pods the set may run with (partial admission).
    public var minCount: Int32?
    /// Where in the topology the pods must or should be.
    public var topologyRequest: JSONValue?

    public init(name: String? = nil, template: PodTemplateSpec? = nil, count: Int32? = nil, minCount: Int32? = nil) {
        self.name = name
        self.template = template
        self.count = count
        self.minCount = minCount
    }
}

/// Where a workload stands.
public struct WorkloadStatus: Codable, Hashable, Sendable {
    /// QuotaReserved, Admitted, Evicted, PodsReady, Finished, Requeued.
    public var conditions: [Condition]?
    /// The ClusterQueue and flavors it was admitted with.
    public var admission: Admission?
    /// How often and until when it waits to be queued again.
    public var requeueState: RequeueState?
    /// Pods that finished and give back their quota.
    public var reclaimablePods: [ReclaimablePod]?
    public var admissionChecks: [JSONValue]?
    /// What each pod set requests.
    public var resourceRequests: [PodSetRequest]?
    public var accumulatedPastExexcutionTimeSeconds: Int32?

    public init(conditions: [Condition]? = nil, admission: Admission? = nil) {
        self.conditions = conditions
        self.admission = admission
    }
}

/// An admission: the ClusterQueue and each pod set's flavors.
public struct Admission: Codable, Hashable, Sendable {
    public var clusterQueue: String?
    public var podSetAssignments: [PodSetAssignment]?

    public init(clusterQueue: String? = nil, podSetAssignments: [PodSetAssignment]? = nil) {
        self.clusterQueue = clusterQueue
        self.podSetAssignments = podSetAssignments
    }
}

/// The flavor of each resource of one pod set, and what it uses.
public struct PodSetAssignment: Codable, Hashable, Sendable {
    public var name: String?
    public var flavors: [String: String]?
    public var resourceUsage: ResourceList?
    public var count: Int32?
    public var topologyAssignment: JSONValue?

    public init(name: String? = nil, flavors: [String: String]? = nil, resourceUsage: ResourceList? = nil, count: Int32? = nil) {
        self.name = name
        self.flavors = flavors
        self.resourceUsage = resourceUsage
        self.count = count
    }
}

/// How often a workload was requeued, and when it may be again.
public struct RequeueState: Codable, Hashable, Sendable {
    public var count: Int32?
    public var requeueAt: Timestamp?
}

/// Pods of a set that finished.
public struct ReclaimablePod: Codable, Hashable, Sendable {
    public var name: String?
    public var count: Int32?
}

/// What one pod set requests in total.
public struct PodSetRequest: Codable, Hashable, Sendable {
    public var name: String?
    public var resources: ResourceList?
}
