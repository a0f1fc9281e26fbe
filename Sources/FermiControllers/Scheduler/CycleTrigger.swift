import FermiAPI

/// Which changes call for a scheduling cycle, as kube-scheduler moves an unschedulable pod back
/// to its active queue only on a cluster event that could make it fit. A cycle looks at every
/// pod and node, so running one for a change it cannot act on is pure waste — and on a busy
/// cluster the kubelet changes pods all the time.
///
/// A change calls for a cycle when a pod waits to be placed, when a Volcano gang's member
/// changes in what its group's status counts, when a PodGroup or Queue changes in what a cycle
/// reads of it (not its status, which the scheduler and the queue controller write), or when
/// room changes (a pod takes or frees its node's resources, a node's fit or a zone's health
/// changes) while some job waits for it. A pod's old state is given as the scheduler already
/// knows it (its own bindings and evictions applied), so the cache catching up with what the
/// scheduler did is not news. A room change that lands while a cycle runs is remembered: if
/// that cycle leaves jobs pending, it runs again.
struct CycleTrigger: Sendable {
    /// Whether the last cycle left any job pending (true until a first cycle has run).
    private(set) var jobsWaiting = true
    private var cycleRunning = false
    private var roomChangedDuringCycle = false

    /// Whether a pod changing from `old` (as the scheduler knew it) to `new` (nil: not there)
    /// calls for a cycle.
    mutating func needsCycle(old: Pod?, new: Pod?) -> Bool {
        if let new, Self.isWaitingForPlacement(new) { return true }
        if old?.volcanoGroupName != nil || new?.volcanoGroupName != nil, GangMember(old) != GangMember(new) { return true }
        let roomChanged =
            old?.holdsNodeResources != new?.holdsNodeResources || old?.spec.nodeName != new?.spec.nodeName
            || old?.metadata.deletionTimestamp != new?.metadata.deletionTimestamp
        return roomChanged && noteRoomChanged()
    }

    /// Whether a node changing from `old` to `new` (nil: not there) calls for a cycle.
    mutating func needsCycle(old: Node?, new: Node?) -> Bool {
        let fitChanged =
            old?.isReady != new?.isReady || old?.spec != new?.spec || old?.metadata.labels != new?.metadata.labels
            || old?.status?.allocatable != new?.status?.allocatable
        return fitChanged && noteRoomChanged()
    }

    /// Whether a zone changing from `old` to `new` (nil: not there) calls for a cycle.
    mutating func needsCycle(old: Zone?, new: Zone?) -> Bool {
        // The health a cycle reads: the zone's reported health, else the one its spec gives.
        let health = { (zone: Zone?) in zone.map { $0.status?.health ?? $0.spec.health ?? ZoneHealth.healthy } }
        return health(old) != health(new) && noteRoomChanged()
    }

    /// Whether a PodGroup changing from `old` to `new` (nil: not there) calls for a cycle: it
    /// came, went, or changed its spec, labels, annotations or deletion.
    func needsCycle(old: PodGroup?, new: PodGroup?) -> Bool {
        Self.objectChanged(old, new) { $0.spec }
    }

    /// Whether a Queue changing from `old` to `new` (nil: not there) calls for a cycle: as a
    /// PodGroup, or its state (Open, Closed) changed.
    func needsCycle(old: Queue?, new: Queue?) -> Bool {
        Self.objectChanged(old, new) { $0.spec } || old?.status?.state != new?.status?.state
    }

    mutating func cycleStarted() {
        cycleRunning = true
        roomChangedDuringCycle = false
    }

    /// The cycle ended, leaving jobs pending or not, having placed (or evicted) something or
    /// not; returns whether to run another: when jobs wait and room changed while it ran
    /// (after its snapshot may have been taken), or it placed some and not others — its own
    /// placements change what the next one decides (queues' shares, the order of jobs), as
    /// Volcano's next session would look again.
    mutating func cycleEnded(leftPending: Bool, placedAny: Bool) -> Bool {
        cycleRunning = false
        jobsWaiting = leftPending
        return leftPending && (roomChangedDuringCycle || placedAny)
    }

    /// A pod this scheduler places that has no node yet and is not going away.
    static func isWaitingForPlacement(_ pod: Pod) -> Bool {
        pod.isScheduledByFermi && pod.spec.nodeName == nil && pod.metadata.deletionTimestamp == nil && !pod.hasEnded
    }

    /// Whether an object came, went, or changed in `read` (what a cycle reads of it beyond its
    /// labels, annotations and deletion).
    private static func objectChanged<Object: APIObject, Read: Equatable>(
        _ old: Object?, _ new: Object?, _ read: (Object) -> Read
    ) -> Bool {
        guard let old, let new else { return old != nil || new != nil }
        return read(old) != read(new) || old.metadata.labels != new.metadata.labels
            || old.metadata.annotations != new.metadata.annotations
            || old.metadata.deletionTimestamp != new.metadata.deletionTimestamp
    }

    /// What a gang's status counts of one member: its group, node, phase and whether it is going.
    private struct GangMember: Equatable {
        var group: String?
        var node: String?
        var phase: String?
        var deleting: Bool

        init?(_ pod: Pod?) {
            guard let pod else { return nil }
            group = pod.volcanoGroupName
            node = pod.spec.nodeName
            phase = pod.status?.phase
            deleting = pod.metadata.deletionTimestamp != nil
        }
    }

    /// Room changed: a cycle is due if jobs wait; one running now must look again.
    private mutating func noteRoomChanged() -> Bool {
        if cycleRunning { roomChangedDuringCycle = true }
        return jobsWaiting
    }
}
