/// A Kueue ClusterQueue (`kueue.x-k8s.io/v1beta1`): quotas per resource and flavor that
/// admitted workloads count against, borrowing within a cohort, and preemption rules.
public struct ClusterQueue: StatusHavingObject {
    public static let resource = APIResource(
        group: "kueue.x-k8s.io", version: "v1beta1", kind: "ClusterQueue", plural: "clusterqueues",
        shortNames: ["cq"], namespaced: false)

    public var apiVersion = ClusterQueue.resource.apiVersion
    public var kind = ClusterQueue.resource.kind
    public var metadata: ObjectMeta
    public var spec: ClusterQueueSpec
    public var status: ClusterQueueStatus?

    public init(metadata: ObjectMeta, spec: ClusterQueueSpec = ClusterQueueSpec(), status: ClusterQueueStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// A ClusterQueue's quotas and policies.
public struct ClusterQueueSpec: Codable, Hashable, Sendable {
    /// Groups of resources that are assigned flavors together, each flavor with quotas.
    public var resourceGroups: [ResourceGroup]?
    /// The cohort whose queues lend and borrow unused quota among themselves.
    public var cohort: String?
    /// StrictFIFO or BestEffortFIFO (the default: a workload that does not fit lets later ones by).
    public var queueingStrategy: String?
    /// The namespaces whose LocalQueues may point at this queue; none when absent.
    public var namespaceSelector: LabelSelector?
    /// Whether to borrow or preempt before trying the next flavor.
    public var flavorFungibility: FlavorFungibility?
    /// When pending workloads may preempt admitted ones.
    public var preemption: ClusterQueuePreemption?
    /// Admission checks every workload must pass.
    public var admissionChecks: [String]?
    /// Admission checks by flavor.
    public var admissionChecksStrategy: JSONValue?
    /// None, Hold (admit nothing new) or HoldAndDrain (also evict admitted workloads).
    public var stopPolicy: String?
    /// The queue's weight in fair sharing.
    public var fairSharing: FairSharing?

    public init(resourceGroups: [ResourceGroup]? = nil, cohort: String? = nil, queueingStrategy: String? = nil, namespaceSelector: LabelSelector? = nil) {
        self.resourceGroups = resourceGroups
        self.cohort = cohort
        self.queueingStrategy = queueingStrategy
        self.namespaceSelector = namespaceSelector
    }
}

/// Resources covered together, and the flavors that provide them in order of preference.
public struct ResourceGroup: Codable, Hashable, Sendable {
    public var coveredResources: [String]?
    public var flavors: [FlavorQuotas]?

    public init(coveredResources: [String]? = nil, flavors: [FlavorQuotas]? = nil) {
        self.coveredResources = coveredResources
        self.flavors = flavors
    }
}

/// One flavor's quota of each covered resource.
public struct FlavorQuotas: Codable, Hashable, Sendable {
    /// The ResourceFlavor.
    public var name: String?
    /// One entry per covered resource, in the same order.
    public var resources: [ResourceQuota]?

    public init(name: String? = nil, resources: [ResourceQuota]? = nil) {
        self.name = name
        self.resources = resources
    }
}

/// The quota of one resource in one flavor.
public struct ResourceQuota: Codable, Hashable, Sendable {
    public var name: String?
    /// What the queue is entitled to.
    public var nominalQuota: Quantity?
    /// The most it may borrow from its cohort beyond the nominal quota; unlimited when absent.
    public var borrowingLimit: Quantity?
    /// The most of its nominal quota it lends to its cohort; all of it when absent.
    public var lendingLimit: Quantity?

    public init(name: String? = nil, nominalQuota: Quantity? = nil, borrowingLimit: Quantity? = nil, lendingLimit: Quantity? = nil) {
        self.name = name
        self.nominalQuota = nominalQuota
        self.borrowingLimit = borrowingLimit
        self.lendingLimit = lendingLimit
    }
}

/// What to do when a workload does not fit in a flavor.
public struct FlavorFungibility: Codable, Hashable, Sendable {
    /// Borrow (the default) or TryNextFlavor.
    public var whenCanBorrow: String?
    /// Preempt or TryNextFlavor (the default).
    public var whenCanPreempt: String?
}

/// When pending workloads may preempt admitted ones.
public struct ClusterQueuePreemption: Codable, Hashable, Sendable {
    /// Never (the default), LowerPriority or Any: reclaiming this queue's nominal quota lent to the cohort.
    public var reclaimWithinCohort: String?
    /// Preempting in the cohort to borrow.
    public var borrowWithinCohort: BorrowWithinCohort?
    /// Never (the default), LowerPriority or LowerOrNewerEqualPriority, within this queue.
    public var withinClusterQueue: String?

    public init(reclaimWithinCohort: String? = nil, withinClusterQueue: String? = nil) {
        self.reclaimWithinCohort = reclaimWithinCohort
        self.withinClusterQueue = withinClusterQueue
    }
}

/// Preemption in the cohort while borrowing.
public struct BorrowWithinCohort: Codable, Hashable, Sendable {
    /// Never (the default) or LowerPriority.
    public var policy: String?
    /// Only workloads at or below this priority are preempted.
    public var maxPriorityThreshold: Int32?
}

/// A queue's weight in fair sharing.
public struct FairSharing: Codable, Hashable, Sendable {
    public var weight: Quantity?
}

/// What a ClusterQueue holds now.
public struct ClusterQueueStatus: Codable, Hashable, Sendable {
    /// Active: whether the queue can admit.
    public var conditions: [Condition]?
    /// Quota reserved by admitted workloads, per flavor and resource.
    public var flavorsReservation: [FlavorUsage]?
    /// Quota used by admitted workloads, per flavor and resource.
    public var flavorsUsage: [FlavorUsage]?
    public var pendingWorkloads: Int32?
    public var reservingWorkloads: Int32?
    public var admittedWorkloads: Int32?
    /// The head of the queue, for visibility.
    public var pendingWorkloadsStatus: JSONValue?
    /// The queue's dominant share in fair sharing.
    public var fairSharing: JSONValue?

    public init(conditions: [Condition]? = nil, pendingWorkloads: Int32? = nil, admittedWorkloads: Int32? = nil) {
        self.conditions = conditions
        self.pendingWorkloads = pendingWorkloads
        self.admittedWorkloads = admittedWorkloads
    }
}

/// Use of one flavor's resources.
public struct FlavorUsage: Codable, Hashable, Sendable {
    public var name: String?
    public var resources: [ResourceUsage]?

    public init(name: String? = nil, resources: [ResourceUsage]? = nil) {
        self.name = name
        self.resources = resources
    }
}

/// Use of one resource: total, and how much of it is borrowed.
public struct ResourceUsage: Codable, Hashable, Sendable {
    public var name: String?
    public var total: Quantity?
    public var borrowed: Quantity?

    public init(name: String? = nil, total: Quantity? = nil, borrowed: Quantity? = nil) {
        self.name = name
        self.total = total
        self.borrowed = borrowed
    }
}

/// The values of Kueue's enums.
public enum KueueEnums {
    public static let queueingStrategies = ["StrictFIFO", "BestEffortFIFO"]
    public static let stopPolicies = ["None", "Hold", "HoldAndDrain"]
    public static let reclaimWithinCohort = ["Never", "LowerPriority", "Any"]
    public static let withinClusterQueue = ["Never", "LowerPriority", "LowerOrNewerEqualPriority"]
    public static let borrowWithinCohort = ["Never", "LowerPriority"]
    public static let whenCanBorrow = ["Borrow", "TryNextFlavor"]
    public static let whenCanPreempt = ["Preempt", "TryNextFlavor"]
}

extension ClusterQueue {
    /// NAME COHORT PENDING WORKLOADS; wide: STRATEGY ADMITTED WORKLOADS, as the CRD prints
    /// them; then the GPUs its admitted workloads use and how many of those are borrowed.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Cohort", jsonPath: ".spec.cohort"),
            PrinterColumn("Strategy", jsonPath: ".spec.queueingStrategy", priority: 1),
            PrinterColumn("Pending Workloads", jsonPath: ".status.pendingWorkloads", type: .integer),
            PrinterColumn("Admitted Workloads", jsonPath: ".status.admittedWorkloads", type: .integer, priority: 1),
            PrinterColumn("GPUs", jsonPath: #".status.flavorsUsage[*].resources[?(@.name=="nvidia.com/gpu")].total"#),
            PrinterColumn("Borrowed GPUs", jsonPath: #".status.flavorsUsage[*].resources[?(@.name=="nvidia.com/gpu")].borrowed"#),
        ]
    }

    /// Kueue's defaults: BestEffortFIFO, Never preemption, Borrow then TryNextFlavor, stop
    /// policy None, an empty namespace selector... left absent as upstream leaves it.
    public mutating func setDefaults() {
        if spec.queueingStrategy == nil { spec.queueingStrategy = "BestEffortFIFO" }
        if spec.stopPolicy == nil { spec.stopPolicy = "None" }
        var preemption = spec.preemption ?? ClusterQueuePreemption()
        if preemption.reclaimWithinCohort == nil { preemption.reclaimWithinCohort = "Never" }
        if preemption.withinClusterQueue == nil { preemption.withinClusterQueue = "Never" }
        if preemption.borrowWithinCohort == nil { preemption.borrowWithinCohort = BorrowWithinCohort(policy: "Never") }
        spec.preemption = preemption
        var fungibility = spec.flavorFungibility ?? FlavorFungibility()
        if fungibility.whenCanBorrow == nil { fungibility.whenCanBorrow = "Borrow" }
        if fungibility.whenCanPreempt == nil { fungibility.whenCanPreempt = "TryNextFlavor" }
        spec.flavorFungibility = fungibility
    }
}
