import FermiAPI

/// Why a gang or pod is still pending, in one line a person can act on.
public enum PendingReason: Hashable, Sendable {
    /// The queue named does not exist.
    case queueMissing(String)
    /// The queue is Closed to new work.
    case queueClosed(String)
    /// Admitting the gang would take the queue over its capability.
    case queueCapability(queue: String, resource: String, capability: String, inUse: String)
    /// Admitting the gang would take the queue over its deserved share while other queues
    /// claim the rest.
    case queueOverused(queue: String, resource: String, asked: String, deserved: String, inUse: String)
    /// No set of nodes holds the gang: how many nodes fit one pod, and why the rest don't.
    case unplaceable(minimum: Int, total: Int, isGang: Bool, nodesFit: Int, rejections: [(NodeRejection, Int)])
    /// The gang has fewer members than it needs to run together.
    case gangIncomplete(present: Int, minMember: Int)
    /// A zone named in the gang's spread cannot take its share.
    case spreadShort(minimum: Int, total: Int, zone: String, fit: Int, wanted: Int)
    /// A pod mounts a volume claim that does not exist (kube-scheduler's VolumeBinding).
    case claimMissing(String)

    /// The Volcano condition reason it is reported under.
    public var conditionReason: String {
        switch self {
        case .queueMissing, .queueClosed: "QueueUnavailable"
        case .queueCapability, .queueOverused: "QueueQuotaExceeded"
        case .unplaceable, .spreadShort: "NotEnoughResources"
        case .gangIncomplete: "NotEnoughPods"
        case .claimMissing: "VolumeClaimMissing"
        }
    }

    public var message: String {
        switch self {
        case .queueMissing(let queue):
            return "queue \(queue) not found"
        case .claimMissing(let claim):
            return "persistentvolumeclaim \"\(claim)\" not found"
        case .queueClosed(let queue):
            return "queue \(queue) is Closed"
        case .queueCapability(let queue, let resource, let capability, let inUse):
            return "queue \(queue): capability \(resource) \(capability) reached (\(inUse) in use)"
        case .queueOverused(let queue, let resource, let asked, let deserved, let inUse):
            return "queue \(queue): \(asked) more \(resource) would exceed its deserved share of \(deserved) (\(inUse) in use); "
                + "other queues' shares claim the rest"
        case .gangIncomplete(let present, let minMember):
            return "gang waits for its pods: \(present) of minMember \(minMember) exist"
        case .spreadShort(let minimum, let total, let zone, let fit, let wanted):
            return "gang \(minimum)/\(total) not placeable: zone \(zone) fits \(fit) of the \(wanted) pods its spread asks for"
        case .unplaceable(let minimum, let total, let isGang, let nodesFit, let rejections)
        where nodesFit == 0 && rejections.isEmpty:
            return isGang ? "gang \(minimum)/\(total) not placeable: the cluster has no nodes" : "pod not placeable: the cluster has no nodes"
        case .unplaceable(let minimum, let total, let isGang, let nodesFit, let rejections):
            let fit = nodesFit == 1 ? "1 node fits" : "\(nodesFit) nodes fit"
            let reasons = rejections.map { $0.0.counted($0.1) }
            let details = ([fit] + (reasons.isEmpty ? [] : [reasons.joined(separator: ", ")])).joined(separator: "; ")
            return isGang ? "gang \(minimum)/\(total) not placeable: \(details)" : "pod not placeable: \(details)"
        }
    }

    /// The diagnosis of a gang that could not be placed: each node judged against the gang's
    /// first pod with what it has free, reasons counted, most common first.
    public static func unplaceable(_ request: GangPlacement.Request, isGang: Bool, in index: inout NodeIndex) -> PendingReason {
        if let spread = request.zoneSpread, let short = GangPlacement.placeSpread(request, spread: spread, in: &index).short {
            return .spreadShort(
                minimum: request.minimum, total: request.pods.count, zone: short.zone, fit: short.fit, wanted: short.wanted)
        }
        var counts: [NodeRejection: Int] = [:]
        var fit = 0
        if let pod = request.pods.first {
            for node in index.nodes {
                if let rejection = NodeFit.rejection(of: pod, on: node, free: node.free) {
                    counts[rejection, default: 0] += 1
                } else {
                    fit += 1
                }
            }
        }
        let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return .unplaceable(
            minimum: request.minimum, total: request.pods.count, isGang: isGang, nodesFit: fit,
            rejections: ordered.map { ($0.key, $0.value) })
    }

    public static func == (left: PendingReason, right: PendingReason) -> Bool { left.message == right.message }
    public func hash(into hasher: inout Hasher) { hasher.combine(message) }
}
