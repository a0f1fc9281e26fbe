import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation
import Synchronization

/// The scheduler: binds pending pods to nodes. A change to pods, nodes, zones, PodGroups,
/// queues or priority classes that could matter asks for a cycle (one key, so a burst of
/// changes makes one cycle), at most one per schedule period as Volcano's sessions; each cycle
/// decides over the whole snapshot, binds, and writes each PodGroup's phase and why it is
/// pending.
public final class Scheduler: Reconciler {
    public static let name = "scheduler"
    /// The one key: a cycle looks at everything.
    static let cycleKey = ObjectKey(name: "cycle")
    /// The shortest time between two cycles' starts: Volcano's default `schedulePeriod`.
    public static let schedulePeriod: Duration = .seconds(1)

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let pods: Informer<Pod>
    let nodes: Informer<Node>
    let zones: Informer<Zone>
    let groups: Informer<PodGroup>
    let queues: Informer<Queue>
    let priorityClasses: Informer<PriorityClass>
    let datasets: Informer<Dataset>
    let claims: Informer<PersistentVolumeClaim>
    /// Bindings and evictions made that the pod cache may not show yet.
    let assumed = Mutex(AssumedPods())
    /// PodGroups as this scheduler last wrote their status, until the cache shows that write:
    /// a cycle reports on them, not on the older copy (whose write would be refused).
    let writtenGroups = Mutex<[ObjectKey: PodGroup]>([:])
    /// What each pod asks of a node, by uid: worked out once per pod, not once per cycle.
    let needs = Mutex<[String: PodNeeds]>([:])
    /// Which changes call for a cycle, from what the last one left pending.
    let trigger = Mutex(CycleTrigger())
    /// When the next cycle may start.
    let pacing: Mutex<CyclePacing>
    /// Where cycles are asked for (one key).
    let queue: WorkQueue<ObjectKey>

    init(manager: ControllerManager, queue: WorkQueue<ObjectKey>, schedulePeriod: Duration) {
        self.queue = queue
        pacing = Mutex(CyclePacing(period: schedulePeriod))
        let informers = manager.informers
        server = manager.server
        clock = manager.clock
        recorder = manager.eventRecorder(component: "volcano")
        pods = informers.informer(Pod.self)
        nodes = informers.informer(Node.self)
        zones = informers.informer(Zone.self)
        groups = informers.informer(PodGroup.self)
        queues = informers.informer(Queue.self)
        priorityClasses = informers.informer(PriorityClass.self)
        datasets = informers.informer(Dataset.self)
        claims = informers.informer(PersistentVolumeClaim.self)
    }

    /// The scheduler as a controller of `manager`, with cycles at most one a `schedulePeriod`
    /// (zero: a cycle for every change that calls for one).
    public static func controller(in manager: ControllerManager, schedulePeriod: Duration = schedulePeriod) -> Controller {
        let queue = manager.makeQueue()
        let scheduler = Scheduler(manager: manager, queue: queue, schedulePeriod: schedulePeriod)
        let wake: @Sendable () -> Void = { scheduler.askForCycle() }
        scheduler.pods.onChange { event in
            // The pod as this scheduler already knew it: its own binding or eviction is no news.
            let known = scheduler.assumed.withLock { $0.confirm(old: event.change.old, new: event.change.new) }
            if scheduler.trigger.withLock({ $0.needsCycle(old: known, new: event.change.new) }) { wake() }
        }
        scheduler.nodes.onChange { event in
            if scheduler.trigger.withLock({ $0.needsCycle(old: event.change.old, new: event.change.new) }) { wake() }
        }
        scheduler.zones.onChange { event in
            if scheduler.trigger.withLock({ $0.needsCycle(old: event.change.old, new: event.change.new) }) { wake() }
        }
        scheduler.groups.onChange { event in
            if scheduler.trigger.withLock({ $0.needsCycle(old: event.change.old, new: event.change.new) }) { wake() }
        }
        scheduler.queues.onChange { event in
            if scheduler.trigger.withLock({ $0.needsCycle(old: event.change.old, new: event.change.new) }) { wake() }
        }
        scheduler.priorityClasses.onChange { _ in wake() }
        // A claim made lets the pods that mount it go on.
        scheduler.claims.onChange { event in if case .added = event { wake() } }
        return Controller(name: name, queue: queue, reconciler: scheduler)
    }

    /// Queues a cycle for when the schedule period allows one.
    func askForCycle() {
        let now = clock.now
        queue.add(Self.cycleKey, after: pacing.withLock { $0.delay(at: now) })
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the snapshot, with what earlier cycles did that the cache may not show yet.
        let now = clock.now
        pacing.withLock { $0.started(at: now) }
        trigger.withLock { $0.cycleStarted() }
        var leftPending = true
        var placedAny = false
        defer { if trigger.withLock({ $0.cycleEnded(leftPending: leftPending, placedAny: placedAny) }) { askForCycle() } }
        let snapshot = self.snapshot()
        let jobs = snapshot.jobs
        let cycle = SchedulingCycle(
            nodes: snapshot.nodes, jobs: jobs,
            queues: Dictionary(queues.objects().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
        // 2: Decide.
        let decisions = cycle.run()
        leftPending = !decisions.pending.isEmpty || !decisions.evictions.isEmpty
        placedAny = !decisions.bindings.isEmpty || !decisions.evictions.isEmpty
        // 3: Evict, then bind.
        for eviction in decisions.evictions { try await evict(eviction) }
        let bound = try await bind(decisions.bindings)
        var occurrences = bound.map { pod, node in
            EventRecorder.Occurrence(
                pod, reason: "Scheduled", message: "Successfully assigned \(pod.namespace)/\(pod.name) to \(node)")
        }
        let boundKeys = Set(bound.map { ObjectKey($0.pod) })
        // 4: Report each job: gangs' status, and why what waits is waiting.
        let reportOn = { (group: PodGroup, job: SchedulingJob) in
            self.report(
                group, job: job, reason: decisions.pending[job.key], admitted: decisions.admitted.contains(job.key),
                newlyBound: job.pending.filter { boundKeys.contains(ObjectKey($0)) }.count)
        }
        var statuses: [PodGroup] = []
        var jobOfGroup: [ObjectKey: SchedulingJob] = [:]
        // A gang's Warning goes with the status that holds its reason: both or neither.
        var warnings: [ObjectKey: EventRecorder.Occurrence] = [:]
        for job in jobs {
            if let group = job.group {
                let report = reportOn(group, job)
                if let status = report.status {
                    statuses.append(status)
                    jobOfGroup[job.key] = job
                    if let occurrence = report.occurrence { warnings[job.key] = occurrence }
                } else if let occurrence = report.occurrence {
                    occurrences.append(occurrence)
                }
            } else if let reason = decisions.pending[job.key], let pod = job.pending.first {
                occurrences.append(EventRecorder.Occurrence(pod, type: EventType.warning, reason: "FailedScheduling", message: reason.message))
            }
        }
        var refused: [ObjectKey] = []
        for start in stride(from: 0, to: statuses.count, by: Self.writeBatch) {
            let batch = Array(statuses[start..<min(start + Self.writeBatch, statuses.count)])
            let written = try await server.updateStatus(batch: batch)
            for (group, result) in zip(batch, written) {
                guard let result else {
                    refused.append(ObjectKey(group))
                    continue
                }
                writtenGroups.withLock { $0[ObjectKey(result)] = result }
                if let warning = warnings[ObjectKey(group)] { occurrences.append(warning) }
            }
        }
        // A group changed since the snapshot, most often by the cycle before (a write the cache
        // did not show yet): its report is made again on the group as stored, or it would be
        // lost until something else calls for a cycle.
        for key in refused {
            guard let job = jobOfGroup[key],
                let current = try? await server.get(PodGroup.self, namespace: key.namespace, name: key.name)
            else { continue }
            let report = reportOn(current, job)
            do {
                if let status = report.status {
                    let result = try await server.updateStatus(status)
                    writtenGroups.withLock { $0[key] = result }
                }
                if let occurrence = report.occurrence { occurrences.append(occurrence) }
            } catch APIError.conflict, APIError.notFound {
                askForCycle()
            }
        }
        recorder.record(occurrences)
        return .done
    }

    /// Binds pods in batches, each batch one write to the store, as many pods/binding calls
    /// would. Returns the pods bound and where.
    private func bind(_ bindings: [(pod: Pod, node: String)]) async throws -> [(pod: Pod, node: String)] {
        var bound: [(pod: Pod, node: String)] = []
        for start in stride(from: 0, to: bindings.count, by: Self.writeBatch) {
            let batch = Array(bindings[start..<min(start + Self.writeBatch, bindings.count)])
            let nodeOf = Dictionary(batch.map { (ObjectKey($0.pod), $0.node) }, uniquingKeysWith: { first, _ in first })
            // Assumed first, so that the cache can never show a binding not yet assumed.
            assumed.withLock { assumed in for (pod, node) in batch { assumed.assumeBound(pod, to: node) } }
            let batchBound: [Pod]
            do {
                batchBound = try await server.bind(batch)
            } catch {
                assumed.withLock { assumed in for (pod, _) in batch { assumed.forget(pod) } }
                throw error
            }
            let boundKeys = Set(batchBound.map(ObjectKey.init))
            assumed.withLock { assumed in for (pod, _) in batch where !boundKeys.contains(ObjectKey(pod)) { assumed.forget(pod) } }
            bound += batchBound.map { ($0, nodeOf[ObjectKey($0)] ?? "") }
        }
        return bound
    }

    /// Bindings or statuses written to the store at once.
    static let writeBatch = 500

    /// Deletes an evicted job's pods, saying why on each and on its PodGroup.
    private func evict(_ eviction: SchedulingCycle.Eviction) async throws {
        for pod in eviction.pods {
            assumed.withLock { $0.assumeEvicted(pod) }
            do {
                try await server.delete(Pod.self, namespace: pod.namespace, name: pod.name)
            } catch {
                assumed.withLock { $0.forget(pod) }
                if case APIError.notFound = error { continue }
                throw error
            }
            recorder.record(pod, type: EventType.warning, reason: eviction.reason, message: eviction.message)
        }
        if let group = eviction.group {
            recorder.record(group, type: EventType.warning, reason: eviction.reason, message: eviction.message)
        }
    }

    /// The cluster as one cycle sees it: pods grouped into what is scheduled together (a
    /// PodGroup's members, or a pod alone), and every node with what the pods bound to it
    /// hold. One pass over the pods, each seen as the scheduler's own bindings and evictions
    /// left it, with what it needs of a node worked out once per pod, not once per cycle.
    private func snapshot() -> (jobs: [SchedulingJob], nodes: [SchedulingNode]) {
        // What was assumed is read before the cache: an entry goes only after the cache shows
        // its write, so every write is in one or the other.
        let assumed = self.assumed.withLock { $0 }
        let cached = pods.unorderedObjects()
        let classes = Dictionary(priorityClasses.objects().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let globalDefault = classes.values.first { $0.globalDefault == true }
        var jobs: [SchedulingJob] = []
        var jobOfGroup: [ObjectKey: Int] = [:]
        let written = writtenGroups.withLock { $0 }
        var shown: [ObjectKey] = []
        for cachedGroup in groups.unorderedObjects() {
            let key = ObjectKey(cachedGroup)
            var group = cachedGroup
            if let mine = written[key] {
                if (mine.metadata.revision ?? 0) > (cachedGroup.metadata.revision ?? 0) { group = mine } else { shown.append(key) }
            }
            var job = SchedulingJob(key: key, group: group)
            let priorityClass = group.spec.priorityClassName.flatMap { classes[$0] } ?? globalDefault
            job.priority = priorityClass?.value ?? 0
            job.mayPreempt = priorityClass?.preemptionPolicy != PreemptionPolicy.never
            jobOfGroup[job.key] = jobs.count
            jobs.append(job)
        }
        // The cache shows these writes now (or newer ones), or the group is gone: the cache is
        // to be believed again.
        let forgotten = shown + written.keys.filter { jobOfGroup[$0] == nil }
        if !forgotten.isEmpty { writtenGroups.withLock { mine in for key in forgotten { mine[key] = nil } } }
        var used: [String: ResourceAmounts] = [:]
        needs.withLock { known in
            // Forget pods long gone now and then, not every cycle.
            if known.count > 2 * cached.count + 1000 { known = [:] }
            for cachedPod in cached {
                guard let pod = assumed.applied(to: cachedPod) else { continue }
                let uid = pod.metadata.uid ?? ""
                let podNeeds: PodNeeds
                if let found = known[uid] {
                    podNeeds = found
                } else {
                    podNeeds = PodNeeds(pod, fallbackPreference: DatasetCache.preference(of: pod, datasets: datasets))
                    known[uid] = podNeeds
                }
                if pod.holdsNodeResources, let node = pod.spec.nodeName { used[node, default: .zero] += podNeeds.requests }
                guard pod.isScheduledByFermi, pod.metadata.deletionTimestamp == nil else { continue }
                if let groupName = pod.volcanoGroupName {
                    // A Volcano pod waits for its PodGroup (made for it if it names none).
                    guard let index = jobOfGroup[ObjectKey(namespace: pod.namespace, name: groupName)] else { continue }
                    jobs[index].add(pod, needs: podNeeds)
                } else if !pod.hasEnded {
                    // A pod on its own: pending, or running and so a possible victim.
                    var job = SchedulingJob(key: ObjectKey(pod))
                    let priorityClass = pod.spec.priorityClassName.flatMap { classes[$0] } ?? globalDefault
                    job.priority = pod.spec.priority ?? priorityClass?.value ?? 0
                    job.mayPreempt = (pod.spec.preemptionPolicy ?? priorityClass?.preemptionPolicy) != PreemptionPolicy.never
                    job.add(pod, needs: podNeeds)
                    jobs.append(job)
                }
            }
        }
        for index in jobs.indices where jobs[index].pending.count > 1 { jobs[index].sortPending() }
        for index in jobs.indices {
            jobs[index].missingClaim = jobs[index].pending.lazy.flatMap { pod in
                (pod.spec.volumes ?? []).compactMap { $0.persistentVolumeClaim?.claimName }.map { (pod.namespace, $0) }
            }.first { self.claims.object(namespace: $0.0, name: $0.1) == nil }?.1
        }
        let health = Dictionary(
            zones.objects().map { ($0.name, $0.status?.health ?? $0.spec.health ?? ZoneHealth.healthy) },
            uniquingKeysWith: { first, _ in first })
        // Sorted by names read once: reading a name in the comparison copies the whole node.
        let nodes = nodes.unorderedObjects().map { ($0.name, $0) }.sorted { $0.0 < $1.0 }.map { _, node in
            let zone = node.metadata.labels?[WellKnownLabels.zone] ?? ""
            return SchedulingNode(node: node, zoneHealth: health[zone] ?? ZoneHealth.healthy, used: used[node.name] ?? .zero)
        }
        return (jobs, nodes)
    }

    /// A PodGroup's phase, counts and Unschedulable condition as they should now be (nil when
    /// unchanged), and a Warning each time the reason it waits changes.
    private func report(_ group: PodGroup, job: SchedulingJob, reason: PendingReason?, admitted: Bool, newlyBound: Int)
        -> (status: PodGroup?, occurrence: EventRecorder.Occurrence?)
    {
        var status = group.status ?? PodGroupStatus()
        let previousMessage = status.conditions?.first { $0.type == "Unschedulable" && $0.status == "True" }?.message
        status.running = Int32(job.running)
        status.succeeded = job.succeeded == 0 ? nil : Int32(job.succeeded)
        status.failed = job.failed == 0 ? nil : Int32(job.failed)
        status.phase = PodGroupPhases.phase(of: job, admitted: admitted || newlyBound > 0, current: status.phase)
        let now = Timestamp(clock.now.date)
        var conditions = status.conditions ?? []
        if let reason {
            conditions = PodGroupPhases.setting(
                conditions, type: "Unschedulable", status: "True", reason: reason.conditionReason, message: reason.message, now: now)
        } else if previousMessage != nil || newlyBound > 0 {
            conditions = PodGroupPhases.setting(conditions, type: "Unschedulable", status: "False", reason: "", message: "", now: now)
            if newlyBound > 0 {
                conditions = PodGroupPhases.setting(
                    conditions, type: "Scheduled", status: "True", reason: "tasks in gang are ready to be scheduled",
                    message: "", now: now)
            }
        }
        status.conditions = conditions.isEmpty ? nil : conditions
        var occurrence: EventRecorder.Occurrence?
        if let reason, reason.message != previousMessage {
            occurrence = EventRecorder.Occurrence(group, type: EventType.warning, reason: "Unschedulable", message: reason.message)
        }
        guard status != group.status else { return (nil, occurrence) }
        var next = group
        next.status = status
        return (next, occurrence)
    }
}
