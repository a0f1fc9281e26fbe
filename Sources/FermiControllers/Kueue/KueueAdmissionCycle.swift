import FermiAPI
import FermiRuntime

/// One pass of Kueue's scheduler over every queued workload: in order of priority then age,
/// each is given flavors within its ClusterQueue's quota (borrowing from the cohort where
/// allowed), or admitted by preempting what the queue's preemption policy lets it, or left
/// pending with Kueue's reason. A StrictFIFO queue admits nothing past a head that waits; a
/// BestEffortFIFO queue tries the rest.
public struct KueueAdmissionCycle: Sendable {
    public var clusterQueues: [String: ClusterQueue]
    public var localQueues: [ObjectKey: LocalQueue]
    public var flavors: [String: ResourceFlavor]
    public var workloads: [Workload]

    /// What the cycle decided.
    public struct Decisions: Sendable {
        /// Workloads given quota, with where.
        public var admissions: [ObjectKey: (clusterQueue: String, assignment: FlavorAssignment.Assignment)] = [:]
        /// Admitted workloads sent back to their queue, and why.
        public var evictions: [ObjectKey: String] = [:]
        /// Workloads that wait: Kueue's reason (Pending, Inadmissible) and message.
        public var pending: [ObjectKey: (reason: String, message: String)] = [:]
        /// Every queue's quota and what holds it once the decisions are carried out.
        public var book = QuotaBook([])
    }

    public init(clusterQueues: [ClusterQueue], localQueues: [LocalQueue], flavors: [ResourceFlavor], workloads: [Workload]) {
        self.clusterQueues = Dictionary(clusterQueues.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.localQueues = Dictionary(localQueues.map { (ObjectKey($0), $0) }, uniquingKeysWith: { first, _ in first })
        self.flavors = Dictionary(flavors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.workloads = workloads
    }

    public func run() -> Decisions {
        var decisions = Decisions()
        var book = QuotaBook(Array(clusterQueues.values))
        var admitted: [(workload: Workload, clusterQueue: String)] = []
        for workload in workloads where workload.holdsQuota {
            guard let name = workload.status?.admission?.clusterQueue else { continue }
            book.add(workload.admittedUsage, to: name)
            admitted.append((workload, name))
        }
        var blockedBy: [String: String] = [:]
        for workload in workloads.filter(\.isQueued).sorted(by: Self.queueOrder) {
            let key = ObjectKey(workload)
            let clusterQueue: ClusterQueue
            switch resolve(workload) {
            case .failure(let reason):
                decisions.pending[key] = ("Inadmissible", reason.message)
                continue
            case .success(let found):
                clusterQueue = found
            }
            if let head = blockedBy[clusterQueue.name] {
                decisions.pending[key] = (
                    "Pending", "waiting for \(head), ahead of it in StrictFIFO ClusterQueue \(clusterQueue.name)"
                )
                continue
            }
            let podSets = workload.spec.podSets ?? []
            switch FlavorAssignment.assign(podSets, in: clusterQueue, flavors: flavors, book: book) {
            case .fits(let assignment):
                book.add(assignment.usage, to: clusterQueue.name)
                decisions.admissions[key] = (clusterQueue.name, assignment)
                admitted.append((workload, clusterQueue.name))
            case .doesNotFit(let message):
                let candidates = admitted.filter { decisions.admissions[ObjectKey($0.workload)] == nil }
                if let (victims, assignment) = preempt(for: workload, in: clusterQueue, candidates: candidates, book: book) {
                    for victim in victims {
                        book.remove(victim.workload.admittedUsage, from: victim.clusterQueue)
                        decisions.evictions[ObjectKey(victim.workload)] = evictionMessage(
                            victim: victim.clusterQueue, preemptor: workload, in: clusterQueue.name, borrowing: assignment.borrows)
                    }
                    let evicted = Set(victims.map { ObjectKey($0.workload) })
                    admitted.removeAll { evicted.contains(ObjectKey($0.workload)) }
                    book.add(assignment.usage, to: clusterQueue.name)
                    decisions.admissions[key] = (clusterQueue.name, assignment)
                    admitted.append((workload, clusterQueue.name))
                } else {
                    decisions.pending[key] = ("Pending", message)
                    if clusterQueue.spec.queueingStrategy == "StrictFIFO" {
                        blockedBy[clusterQueue.name] = "\(key.namespace)/\(key.name)"
                    }
                }
            }
        }
        decisions.book = book
        return decisions
    }

    /// Higher priority first, then the longer waiting.
    static func queueOrder(_ left: Workload, _ right: Workload) -> Bool {
        if left.priorityValue != right.priorityValue { return left.priorityValue > right.priorityValue }
        let leftTime = left.metadata.creationTimestamp?.secondsSince1970 ?? 0
        let rightTime = right.metadata.creationTimestamp?.secondsSince1970 ?? 0
        if leftTime != rightTime { return leftTime < rightTime }
        return (left.namespace, left.name) < (right.namespace, right.name)
    }

    /// The ClusterQueue behind a workload's LocalQueue, or why it cannot be used.
    private func resolve(_ workload: Workload) -> Result<ClusterQueue, Inadmissible> {
        let localName = workload.spec.queueName ?? ""
        guard let local = localQueues[ObjectKey(namespace: workload.namespace, name: localName)] else {
            return .failure(Inadmissible("LocalQueue \(localName) doesn't exist"))
        }
        if let policy = local.spec.stopPolicy, policy != "None" { return .failure(Inadmissible("LocalQueue \(localName) is inactive")) }
        let name = local.spec.clusterQueue ?? ""
        guard let clusterQueue = clusterQueues[name] else {
            return .failure(Inadmissible("ClusterQueue \(name) doesn't exist"))
        }
        let missing = (clusterQueue.spec.resourceGroups ?? []).flatMap { $0.flavors ?? [] }.compactMap(\.name)
            .filter { flavors[$0] == nil }
        if let policy = clusterQueue.spec.stopPolicy, policy != "None" {
            return .failure(Inadmissible("ClusterQueue \(name) is inactive"))
        }
        if !missing.isEmpty {
            return .failure(Inadmissible("ClusterQueue \(name) is inactive: flavor \(missing.joined(separator: ", ")) not found"))
        }
        return .success(clusterQueue)
    }

    /// Why a workload cannot be queued at all.
    struct Inadmissible: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    private func evictionMessage(victim clusterQueue: String, preemptor: Workload, in preemptorQueue: String, borrowing: Bool)
        -> String
    {
        let cause =
            clusterQueue == preemptorQueue
            ? "prioritization in the ClusterQueue"
            : borrowing ? "reclamation within the cohort while borrowing" : "reclamation within the cohort"
        return "Preempted to accommodate a workload (\(preemptor.namespace)/\(preemptor.name)) due to \(cause)"
    }
}
