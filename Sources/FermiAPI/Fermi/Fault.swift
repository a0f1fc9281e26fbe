/// A fault injected into the simulated cluster (`fermi.dev/v1alpha1`): a node, a zone or one
/// GPU fails at a time, for a while or until the Fault is deleted. `fermi sim fail` makes one
/// that starts now; a manifest of Faults schedules a week of failures ahead of time.
public struct Fault: StatusHavingObject {
    public static let resource = APIResource(
        group: "fermi.dev", version: "v1alpha1", kind: "Fault", plural: "faults", namespaced: false)

    public var apiVersion = Fault.resource.apiVersion
    public var kind = Fault.resource.kind
    public var metadata: ObjectMeta
    public var spec: FaultSpec
    public var status: FaultStatus?

    public init(metadata: ObjectMeta, spec: FaultSpec = FaultSpec(), status: FaultStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What fails, when, and for how long.
public struct FaultSpec: Codable, Hashable, Sendable {
    /// What fails: `node/NAME`, `zone/NAME` or `gpu/NODE/INDEX`.
    public var target: String?
    /// When it fails (RFC 3339); absent: `after` the Fault's creation.
    public var at: Timestamp?
    /// How long after the Fault's creation it fails, as a Go duration (`2h`); absent with
    /// `at` absent: at once.
    public var after: String?
    /// How long the failure lasts, as a Go duration (`30m`); absent: until the Fault is deleted.
    public var duration: String?

    public init(target: String? = nil, at: Timestamp? = nil, after: String? = nil, duration: String? = nil) {
        self.target = target
        self.at = at
        self.after = after
        self.duration = duration
    }
}

/// Where a fault stands, as the simulator reports it.
public struct FaultStatus: Codable, Hashable, Sendable {
    /// Pending (not yet started), Active, or Recovered.
    public var phase: String?
    /// When the failure began.
    public var startedAt: Timestamp?
    /// When the target recovered.
    public var recoveredAt: Timestamp?

    public init(phase: String? = nil, startedAt: Timestamp? = nil, recoveredAt: Timestamp? = nil) {
        self.phase = phase
        self.startedAt = startedAt
        self.recoveredAt = recoveredAt
    }
}

/// The phases of a fault.
public enum FaultPhase {
    public static let pending = "Pending"
    public static let active = "Active"
    public static let recovered = "Recovered"
    public static let all = [pending, active, recovered]
}

/// A fault's target, parsed: a node, a zone, or one GPU of a node.
public enum FaultTarget: Hashable, Sendable, CustomStringConvertible {
    case node(String)
    case zone(String)
    case gpu(node: String, index: Int)

    /// Parses `node/NAME`, `zone/NAME` or `gpu/NODE/INDEX`; nil when it is none of them.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("node", 2) where !parts[1].isEmpty: self = .node(parts[1])
        case ("zone", 2) where !parts[1].isEmpty: self = .zone(parts[1])
        case ("gpu", 3) where !parts[1].isEmpty:
            guard let index = Int(parts[2]), index >= 0 else { return nil }
            self = .gpu(node: parts[1], index: index)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .node(let name): "node/\(name)"
        case .zone(let name): "zone/\(name)"
        case .gpu(let node, let index): "gpu/\(node)/\(index)"
        }
    }
}
