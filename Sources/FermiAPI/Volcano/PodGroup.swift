/// A Volcano PodGroup (`scheduling.volcano.sh/v1beta1`): a gang of pods that is scheduled
/// all together or not at all, queued in a Volcano Queue.
public struct PodGroup: StatusHavingObject {
    public static let resource = APIResource(
        group: "scheduling.volcano.sh", version: "v1beta1", kind: "PodGroup", plural: "podgroups",
        shortNames: ["pg", "podgroup-v1beta1"], namespaced: true)

    public var apiVersion = PodGroup.resource.apiVersion
    public var kind = PodGroup.resource.kind
    // Boxed: objects are copied whole by caches, snapshots and events far more than changed.
    // The accessors are inlinable: called across modules, they would copy the whole value.
    @usableFromInline var boxedMetadata: CopyOnWrite<ObjectMeta>
    @usableFromInline var boxedSpec: CopyOnWrite<PodGroupSpec>
    @usableFromInline var boxedStatus: CopyOnWrite<PodGroupStatus?>

    @inlinable
    public var metadata: ObjectMeta {
        _read { yield boxedMetadata.value }
        _modify { yield &boxedMetadata.value }
    }
    @inlinable
    public var spec: PodGroupSpec {
        _read { yield boxedSpec.value }
        _modify { yield &boxedSpec.value }
    }
    @inlinable
    public var status: PodGroupStatus? {
        _read { yield boxedStatus.value }
        _modify { yield &boxedStatus.value }
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind
        case boxedMetadata = "metadata", boxedSpec = "spec", boxedStatus = "status"
    }

    public init(metadata: ObjectMeta, spec: PodGroupSpec = PodGroupSpec(), status: PodGroupStatus? = nil) {
        boxedMetadata = CopyOnWrite(metadata)
        boxedSpec = CopyOnWrite(spec)
        boxedStatus = CopyOnWrite(status)
    }

    /// Counts not negative, a queue named by a DNS subdomain, a known phase and topology mode.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        if let minimum = spec.minMember { errors += PodSpecRules.nonNegative(minimum, at: path.child("minMember")) }
        for (task, minimum) in (spec.minTaskMember ?? [:]).sorted(by: { $0.key < $1.key }) {
            errors += PodSpecRules.nonNegative(minimum, at: path.child("minTaskMember").key(task))
        }
        if let queue = spec.queue, !queue.isEmpty {
            errors += NameRules.dns1123Subdomain(queue).map { .invalid(path.child("queue"), queue, $0) }
        }
        if let resources = spec.minResources { errors += ResourceRules.nonNegative(resources, at: path.child("minResources")) }
        if let mode = spec.networkTopology?.mode, !["hard", "soft"].contains(mode) {
            errors.append(.notSupported(path.child("networkTopology").child("mode"), mode, ["hard", "soft"]))
        }
        if let phase = status?.phase, !PodGroupPhase.all.contains(phase) {
            errors.append(.notSupported(FieldPath("status", "phase"), phase, PodGroupPhase.all))
        }
        return errors
    }

    /// Volcano's defaults: the `default` queue, a gang of one.
    public mutating func setDefaults() {
        if (spec.queue ?? "").isEmpty { spec.queue = "default" }
        if spec.minMember == nil { spec.minMember = 1 }
    }

    /// NAME STATUS MINMEMBER RUNNINGS AGE; wide: QUEUE, as the CRD prints it.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("Status", jsonPath: ".status.phase"),
            PrinterColumn("minMember", jsonPath: ".spec.minMember", type: .integer),
            PrinterColumn("RUNNINGS", jsonPath: ".status.running", type: .integer),
            .age,
            PrinterColumn("QUEUE", jsonPath: ".spec.queue", priority: 1),
        ]
    }
}

/// What a gang needs before any of it runs.
public struct PodGroupSpec: Codable, Hashable, Sendable {
    /// Pods that must be placed together.
    public var minMember: Int32?
    /// Pods per task that must be placed together.
    public var minTaskMember: [String: Int32]?
    /// The Volcano queue; `default` when absent.
    public var queue: String?
    public var priorityClassName: String?
    /// Resources the gang needs before it is admitted to run.
    public var minResources: ResourceList?
    /// How the gang is placed in the network topology.
    public var networkTopology: NetworkTopologySpec?

    public init(minMember: Int32? = nil, queue: String? = nil, priorityClassName: String? = nil, minResources: ResourceList? = nil) {
        self.minMember = minMember
        self.queue = queue
        self.priorityClassName = priorityClassName
        self.minResources = minResources
    }
}

/// Network-topology-aware placement of a gang.
public struct NetworkTopologySpec: Codable, Hashable, Sendable {
    /// hard or soft.
    public var mode: String?
    /// The highest tier the gang may span.
    public var highestTierAllowed: Int32?
}

/// Where a gang stands.
public struct PodGroupStatus: Codable, Hashable, Sendable {
    /// Pending, Running, Unknown, Inqueue or Completed.
    public var phase: String?
    public var conditions: [PodGroupCondition]?
    public var running: Int32?
    public var succeeded: Int32?
    public var failed: Int32?

    public init(phase: String? = nil, running: Int32? = nil) {
        self.phase = phase
        self.running = running
    }
}

/// A PodGroup condition (Unschedulable, Scheduled), with the scheduling cycle that set it.
public struct PodGroupCondition: Codable, Hashable, Sendable, StatusCondition {
    public var type: String?
    public var status: String?
    public var transitionID: String?
    public var lastTransitionTime: Timestamp?
    public var reason: String?
    public var message: String?

    public init(type: String? = nil, status: String? = nil, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}

/// The phases of a PodGroup.
public enum PodGroupPhase {
    public static let all = ["Pending", "Running", "Unknown", "Inqueue", "Completed"]
}

extension PodGroupCondition {
    public var conditionType: String { type ?? "" }
    public var conditionStatus: String { status ?? "" }
}
