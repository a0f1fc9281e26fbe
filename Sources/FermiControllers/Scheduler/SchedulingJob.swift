import FermiAPI
import FermiRuntime

/// What one cycle schedules as a unit: a Volcano PodGroup's pods, or one pod of the default
/// scheduler (a gang of one, in no queue).
public struct SchedulingJob: Sendable {
    /// The PodGroup's key, or the pod's for a pod on its own.
    public var key: ObjectKey
    public var group: PodGroup?
    /// Members not yet bound, in name order, and what each needs.
    public private(set) var pending: [Pod] = []
    public private(set) var pendingNeeds: [PodNeeds] = []
    /// Members bound and not finished, and what each holds.
    public private(set) var active: [Pod] = []
    public private(set) var activeNeeds: [PodNeeds] = []
    /// Members in phase Running.
    public var running = 0
    public var succeeded = 0
    public var failed = 0
    public var priority: Int32 = 0
    /// Whether it may evict jobs of lower priority (its priority class's preemptionPolicy is
    /// not Never).
    public var mayPreempt = true
    /// A volume claim one of its pending pods mounts that does not exist: it waits for it.
    public var missingClaim: String?

    public init(key: ObjectKey, group: PodGroup? = nil) {
        self.key = key
        self.group = group
    }

    /// Pods that must run together for any to run.
    public var minMember: Int { Int(group?.spec.minMember ?? 1) }
    public var queue: String? { group.map { $0.spec.queue ?? VolcanoAnnotations.defaultQueue } }
    public var isGang: Bool { group != nil }
    /// How many pending pods must be placed together now for the gang to be whole.
    public var stillNeeded: Int { max(0, minMember - active.count - succeeded) }
    public var creationTimestamp: Timestamp? { group?.metadata.creationTimestamp ?? pending.first?.metadata.creationTimestamp }
}

extension SchedulingJob {
    /// Counts `pod` in the job as pending, active or finished; `needs` is what it asks of a
    /// node, when the caller knows it already.
    public mutating func add(_ pod: Pod, needs: PodNeeds? = nil) {
        if pod.status?.phase == PodPhase.succeeded {
            succeeded += 1
        } else if pod.status?.phase == PodPhase.failed {
            failed += 1
        } else if pod.spec.nodeName == nil {
            guard pod.metadata.deletionTimestamp == nil else { return }
            pending.append(pod)
            pendingNeeds.append(needs ?? PodNeeds(pod))
        } else {
            active.append(pod)
            activeNeeds.append(needs ?? PodNeeds(pod))
            if pod.status?.phase == PodPhase.running { running += 1 }
        }
    }

    /// Puts the pending members in name order.
    mutating func sortPending() {
        let names = pending.map(\.name)
        let order = pending.indices.sorted { names[$0] < names[$1] }
        pending = order.map { pending[$0] }
        pendingNeeds = order.map { pendingNeeds[$0] }
    }
}

extension Pod {
    /// Whether this scheduler places the pod: it names the default scheduler or Volcano.
    public var isScheduledByFermi: Bool {
        let name = spec.schedulerName ?? PodSpec.defaultSchedulerName
        return name == PodSpec.defaultSchedulerName || name == VolcanoAnnotations.schedulerName
    }

    /// The PodGroup a Volcano pod belongs to: the one it names, or the one made for it.
    public var volcanoGroupName: String? {
        guard spec.schedulerName == VolcanoAnnotations.schedulerName
            || metadata.annotations?[VolcanoAnnotations.groupName] != nil
        else { return nil }
        if let name = metadata.annotations?[VolcanoAnnotations.groupName], !name.isEmpty { return name }
        return metadata.uid.map(VolcanoAnnotations.generatedGroupName(forPodUID:))
    }

}
