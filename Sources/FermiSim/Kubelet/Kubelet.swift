import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The simulated kubelet of every node: a pod bound to a node is admitted (or rejected when
/// the node lacks room), pulls its images (time from each image's size), starts, runs, and
/// ends as its behaviour says, restarting under its restart policy with back-off. A pod whose
/// node is lost fails with reason NodeLost.
///
/// All progress lives in the pod's status, so a restarted kubelet carries on where it was.
public struct Kubelet: Reconciler {
    public static let name = "kubelet"

    /// How fast images come down: 250 MiB/s; a degraded zone takes twice as long.
    public static let pullBytesPerSecond: Double = 250 * 1_048_576
    /// An image the catalogue does not know is taken to be this big.
    public static let defaultImageSize: Double = 4 * 1_073_741_824
    /// From image pulled to container running.
    public static let containerStartDelay: Duration = .seconds(2)

    let server: APIServer
    let clock: any ControlClock
    let pods: Informer<Pod>
    let nodes: Informer<Node>
    let zones: Informer<Zone>
    let images: Informer<Image>
    let datasets: Informer<Dataset>
    let recorder: EventRecorder
    let seed: UInt64
    let pullsBeingRecorded = PullsBeingRecorded()

    /// The kubelet as a controller of `manager`, drawing random failures from `seed`.
    ///
    /// Upstream's kubelet gives every pod a worker of its own; 256 here. Each reconcile waits
    /// for its status write, and the store commits the writes waiting together in one
    /// transaction: with 16 workers a commit carried at most 16 pods, and the simulation
    /// benchmark spent its time syncing small transactions (1,024 workers were no faster).
    public static func controller(in manager: ControllerManager, seed: UInt64 = 0, workers: Int = 256) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let pods = informers.informer(Pod.self)
        pods.indexByNode()
        informers.informer(Image.self).indexByReference()
        let kubelet = Kubelet(
            server: manager.server, clock: manager.clock, pods: pods, nodes: informers.informer(Node.self),
            zones: informers.informer(Zone.self), images: informers.informer(Image.self), datasets: informers.informer(Dataset.self),
            recorder: manager.eventRecorder(component: name), seed: seed)
        pods.onChange { event in
            if case .deleted = event { return }
            if event.object.spec.nodeName != nil { queue.add(ObjectKey(event.object)) }
        }
        kubelet.nodes.onChange { event in
            // A node appearing, lost or gone concerns its pods.
            if case .updated(let old, let new) = event, NodeConditions.isReady(old) == NodeConditions.isReady(new),
                FailedGPUs(of: old) == FailedGPUs(of: new)
            {
                return
            }
            for pod in pods.pods(on: event.object.name) { queue.add(ObjectKey(pod)) }
        }
        return Controller(name: name, queue: queue, reconciler: kubelet, workers: workers)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let pod = pods.object(key), let nodeName = pod.spec.nodeName, pod.metadata.deletionTimestamp == nil
        else { return .done }
        if pod.hasEnded { return .done }
        let phase = pod.status?.phase ?? "Pending"
        let now = Timestamp(clock.now.date)
        guard let node = nodes.object(name: nodeName) else {
            // No kubelet runs a node that does not exist (yet: pods may be bound before their
            // pool has grown); a pod it had already started is lost with it.
            if pod.status?.startTime != nil { try await fail(pod, nodeLost: nodeName, at: now) }
            return .done
        }
        guard NodeConditions.isReady(node) else {
            if NodeConditions.isLost(node) { try await fail(pod, nodeLost: nodeName, at: now) }
            return .done
        }
        let containers = pod.spec.containers ?? []
        guard let startTime = pod.status?.startTime else {
            if let rejection = admissionRejection(pod, on: node) {
                try await reject(pod, reason: rejection.reason, message: rejection.message, at: now)
                return .done
            }
            try await accept(pod, on: node, at: now)
            return .requeue(after: pullTime(pod, on: node, since: now) + Self.containerStartDelay)
        }
        let main = pod.status?.containerStatuses?.first
        if phase == "Pending" {
            let due = startTime.date.addingTimeInterval((pullTime(pod, on: node) + Self.containerStartDelay).inSeconds)
            if now.date < due { return .requeue(after: Self.duration(from: now.date, to: due)) }
            try await start(pod, run: 0, at: now, containers: containers, on: node)
            return .done
        }
        let behaviour = PodBehaviour(of: pod)
        let run = Int(main?.restartCount ?? 0)
        if let waiting = main?.state?.waiting, waiting.reason == "CrashLoopBackOff",
            let finished = main?.lastState?.terminated?.finishedAt
        {
            let due = finished.date.addingTimeInterval(Self.backOff(afterRestarts: run).inSeconds)
            if now.date < due { return .requeue(after: Self.duration(from: now.date, to: due)) }
            try await start(pod, run: run, at: now, containers: containers)
            return .done
        }
        guard let startedAt = main?.state?.running?.startedAt else { return .done }
        // The node holds what it pulled (written at the start; again if that write was lost).
        if run == 0 {
            try await recordImages(of: pod, on: node, pulledAt: Timestamp(startedAt.date.addingTimeInterval(-Self.containerStartDelay.inSeconds)))
        }
        if let failure = gpuFailure(of: pod, on: node, startedAt: startedAt) {
            let ranFor = Duration.seconds(failure.at.secondsSince1970 - startedAt.secondsSince1970)
            recorder.record(
                pod, type: EventType.warning, reason: "GPUFailure",
                message: "GPU \(failure.index) on node \(nodeName) failed (Xid 79: GPU has fallen off the bus)")
            try await finish(pod, run: run, exitCode: 1, ranFor: ranFor, at: failure.at)
            return .done
        }
        let done = Self.progress(of: pod)
        let outcome = behaviour.outcome(ofRun: run, remaining: behaviour.remaining(afterDoing: done), seed: seed, podName: key.description)
        let probes = ContainerProbes(of: pod)
        // Probes first: a container killed for failing liveness ends before its run would.
        if let killed = probes.kill(ofRun: run), outcome.map({ killed < $0.after }) ?? true {
            let due = startedAt.date.addingTimeInterval(killed.inSeconds)
            if now.date >= due {
                try await killUnhealthy(pod, run: run, ranFor: killed, at: Timestamp(due))
                return .done
            }
        }
        if main?.ready != true {
            let due = startedAt.date.addingTimeInterval(probes.readyAfter.inSeconds)
            if now.date >= due { try await markReady(pod, at: Timestamp(due)) }
        }
        var wake: [Date] = []
        if main?.ready != true { wake.append(startedAt.date.addingTimeInterval(probes.readyAfter.inSeconds)) }
        if let killed = probes.kill(ofRun: run) { wake.append(startedAt.date.addingTimeInterval(killed.inSeconds)) }
        if let outcome {
            let due = startedAt.date.addingTimeInterval(outcome.after.inSeconds)
            if now.date >= due {
                try await finish(pod, run: run, exitCode: outcome.exitCode, ranFor: outcome.after, at: Timestamp(due))
                return .done
            }
            wake.append(due)
        }
        guard let next = wake.filter({ $0 > now.date }).min() else { return .done }
        return .requeue(after: Self.duration(from: now.date, to: next))
    }

    // MARK: - Transitions

    /// Admitted: the pod has a start time, an IP, and containers creating while images pull.
    private func accept(_ pod: Pod, on node: Node, at now: Timestamp) async throws {
        var next = pod
        var status = pod.status ?? PodStatus()
        status.phase = "Pending"
        status.startTime = now
        status.hostIP = node.status?.addresses?.first { $0.type == "InternalIP" }?.address
        status.hostIPs = status.hostIP.map { [HostIP(ip: $0)] }
        status.podIP = Self.podIP(pod)
        status.podIPs = [PodIP(ip: status.podIP)]
        status.qosClass = Self.qosClass(pod)
        status.conditions = Self.setting(status.conditions, [
            ("PodReadyToStartContainers", "True"), ("Initialized", "True"), ("Ready", "False"),
            ("ContainersReady", "False"), ("PodScheduled", "True"),
        ], at: now)
        status.containerStatuses = (pod.spec.containers ?? []).map { container in
            ContainerStatus(
                name: container.name, state: ContainerState(waiting: ContainerStateWaiting(reason: "ContainerCreating")),
                ready: false, restartCount: 0, image: container.image, started: false)
        }
        next.status = status
        _ = try await server.updateStatus(next)
        for image in Set((pod.spec.containers ?? []).compactMap(\.image)).sorted() where !isCached(image, on: node, before: now) {
            let note = catalogueSize(of: image) == nil ? " (not in the image catalogue: taken to be 4Gi)" : ""
            recorder.record(pod, reason: "Pulling", message: "Pulling image \"\(image)\"\(note)")
        }
    }

    /// Run `run` starts: every container running since `now`.
    private func start(_ pod: Pod, run: Int, at now: Timestamp, containers: [Container], on node: Node? = nil) async throws {
        var next = pod
        if run == 0, let node, let speedup = readSpeedup(of: pod, on: node) {
            // Written with the status: pods/status takes annotations.
            next.metadata.annotations = (pod.metadata.annotations ?? [:]).merging(
                [FluidNames.readSpeedupAnnotation: String(format: "%.3f", speedup)]) { _, new in new }
        }
        var status = pod.status ?? PodStatus()
        status.phase = "Running"
        // Ready at once, unless its readiness probe or its start-up has to pass first.
        let ready = ContainerProbes(of: pod).readyAfter == .zero
        let readiness = ready ? "True" : "False"
        status.conditions = Self.setting(status.conditions, [("Ready", readiness), ("ContainersReady", readiness)], at: now)
        status.containerStatuses = containers.enumerated().map { index, container in
            let previous = pod.status?.containerStatuses?.first { $0.name == container.name }
            return ContainerStatus(
                name: container.name, state: ContainerState(running: ContainerStateRunning(startedAt: now)),
                lastState: previous?.lastState, ready: ready, restartCount: Int32(run), image: container.image,
                imageID: container.image.map { "\($0)@sha256:\(FNV1a.hash($0))" },
                containerID: "fermi://\(FNV1a.hash("\(pod.metadata.uid ?? "")/\(index)/\(run)"))", started: true)
        }
        next.status = status
        _ = try await server.updateStatus(next)
        if run == 0 {
            for image in Set(containers.compactMap(\.image)).sorted() {
                let cached = node.map { isCached(image, on: $0, before: pod.status?.startTime ?? now) } ?? false
                recorder.record(
                    pod, reason: "Pulled",
                    message: cached
                        ? "Container image \"\(image)\" already present on machine"
                        : "Successfully pulled image \"\(image)\" in \(pullTime(of: image).inSeconds)s")
            }
        }
        for container in containers {
            let name = container.name ?? ""
            recorder.record(pod, reason: "Created", message: "Created container \(name)")
            recorder.record(pod, reason: "Started", message: "Started container \(name)")
        }
        // Last: a failure here is made good by the next reconcile, which the events are not.
        if run == 0, let node {
            try await recordImages(of: pod, on: node, pulledAt: Timestamp(now.date.addingTimeInterval(-Self.containerStartDelay.inSeconds)))
        }
    }

    /// Run `run` ended with `exitCode` at `end`: the pod succeeds, fails, or backs off to restart.
    func finish(_ pod: Pod, run: Int, exitCode: Int32, ranFor: Duration, at end: Timestamp) async throws {
        let policy = pod.spec.restartPolicy ?? "Always"
        let restarts = policy == "Always" || (policy == "OnFailure" && exitCode != 0)
        var next = pod
        var status = pod.status ?? PodStatus()
        let terminated = { (status: ContainerStatus) in
            ContainerStateTerminated(
                exitCode: exitCode, reason: exitCode == 0 ? "Completed" : "Error",
                startedAt: status.state?.running?.startedAt, finishedAt: end, containerID: status.containerID)
        }
        if restarts {
            status.containerStatuses = status.containerStatuses?.map { container in
                var container = container
                container.lastState = ContainerState(terminated: terminated(container))
                container.state = ContainerState(
                    waiting: ContainerStateWaiting(
                        reason: "CrashLoopBackOff",
                        message: "back-off \(Self.backOff(afterRestarts: run + 1).inSeconds)s restarting failed container"))
                container.ready = false
                container.started = false
                container.restartCount = Int32(run + 1)
                return container
            }
            status.conditions = Self.setting(status.conditions, [("Ready", "False"), ("ContainersReady", "False")], at: end)
            next.status = status
            // Work done so far survives the restart up to the last checkpoint: written with the
            // status (pods/status takes annotations), so whoever sees the new progress also
            // sees the run ended.
            next.metadata.annotations = (next.metadata.annotations ?? [:]).merging(
                [Self.progressAnnotation: GoDurationText.seconds(Self.progress(of: pod) + ranFor)]) { _, new in new }
            _ = try await server.updateStatus(next)
            recorder.record(
                pod, type: EventType.warning, reason: "BackOff",
                message: "Back-off restarting failed container \(pod.spec.containers?.first?.name ?? "")")
            return
        }
        status.phase = exitCode == 0 ? "Succeeded" : "Failed"
        status.containerStatuses = status.containerStatuses?.map { container in
            var container = container
            container.state = ContainerState(terminated: terminated(container))
            container.ready = false
            container.started = false
            return container
        }
        status.conditions = Self.setting(status.conditions, [("Ready", "False"), ("ContainersReady", "False")], at: end)
        next.status = status
        recordOutcome(on: &next, runSeconds: Self.progress(of: pod) + ranFor)
        _ = try await server.updateStatus(next)
    }

    /// Adds to the annotations of a pod that has ended (its final status set) what it used
    /// over all its runs (`runSeconds`, less the checkpoint it resumed from) and the metrics
    /// its output reported (as Katib's collector reads them): written with its final status.
    private func recordOutcome(on pod: inout Pod, runSeconds: Duration) {
        let resumedFrom = pod.metadata.annotations?[SimAnnotations.resumedFrom].flatMap(GoDuration.init)?.duration ?? .zero
        let runSeconds = runSeconds - resumedFrom
        // Written even when empty, so readers know the collector has been.
        let metrics = MetricsCollector.latest(in: PodLogs.lines(of: pod, now: clock.now.date))
        var recorded = [SimAnnotations.metrics: SimAnnotations.metricsText(metrics)]
        if runSeconds > .zero, let nodeName = pod.spec.nodeName {
            recorded.merge(PodUsage.of(pod, on: nodes.object(name: nodeName), runSeconds: runSeconds.components.seconds).annotations) { _, new in new }
        }
        pod.metadata.annotations = (pod.metadata.annotations ?? [:]).merging(recorded) { _, new in new }
    }

    /// The node is gone or not Ready: the pod fails where it stands.
    private func fail(_ pod: Pod, nodeLost nodeName: String, at now: Timestamp) async throws {
        try await reject(
            pod, reason: "NodeLost",
            message: "Node \(nodeName) which was running pod \(pod.name) is unresponsive", at: now, warn: true)
    }

    private func reject(_ pod: Pod, reason: String, message: String, at now: Timestamp, warn: Bool = true) async throws {
        var next = pod
        var status = pod.status ?? PodStatus()
        status.phase = "Failed"
        status.reason = reason
        status.message = message
        status.containerStatuses = status.containerStatuses?.map { container in
            var container = container
            if container.state?.terminated == nil {
                container.state = ContainerState(
                    terminated: ContainerStateTerminated(
                        exitCode: 137, reason: reason, startedAt: container.state?.running?.startedAt, finishedAt: now,
                        containerID: container.containerID))
            }
            container.ready = false
            container.started = false
            return container
        }
        status.conditions = Self.setting(status.conditions, [("Ready", "False"), ("ContainersReady", "False")], at: now)
        next.status = status
        if let startedAt = pod.status?.containerStatuses?.first?.state?.running?.startedAt {
            let ranFor = Duration.seconds(now.secondsSince1970 - startedAt.secondsSince1970)
            recordOutcome(on: &next, runSeconds: Self.progress(of: pod) + ranFor)
        }
        _ = try await server.updateStatus(next)
        recorder.record(pod, type: warn ? EventType.warning : EventType.normal, reason: reason, message: message)
    }

    // MARK: - Admission and timing

    /// Why the node cannot take the pod, as the kubelet words it, if it cannot.
    ///
    /// Pods the node has started count first; then pods not yet started are admitted in the
    /// order they were created, each if it fits. Every worker reaches the same answer however
    /// the pods' reconciles interleave, so a seeded run admits the same pods every time.
    private func admissionRejection(_ pod: Pod, on node: Node) -> (reason: String, message: String)? {
        let allocatable = ResourceAmounts(node.status?.allocatable)
        var used = ResourceAmounts.zero
        var waiting: [Pod] = []
        for other in pods.pods(on: node.name) where !other.hasEnded {
            if other.namespace == pod.namespace && other.name == pod.name { continue }
            if other.status?.startTime != nil {
                used += Self.admissionRequests(of: other)
            } else {
                waiting.append(other)
            }
        }
        waiting.append(pod)
        waiting.sort { Self.admissionOrder($0) < Self.admissionOrder($1) }
        for candidate in waiting {
            let wanted = Self.admissionRequests(of: candidate)
            let isThisPod = candidate.namespace == pod.namespace && candidate.name == pod.name
            if let name = wanted.shortfall(in: allocatable - used).first {
                guard isThisPod else { continue }
                // As the kubelet words it: CPU in millicores, everything else in whole units.
                let amount = { (milli: Int64) in name == "cpu" ? milli : (milli + 999) / 1000 }
                return (
                    "OutOf\(name)",
                    "Pod was rejected: Node didn't have enough resource: \(name), requested: \(amount(wanted[name])), used: \(amount(used[name])), capacity: \(amount(allocatable[name]))"
                )
            }
            if isThisPod { return nil }
            used += wanted
        }
        return nil
    }

    /// What a pod takes of its node on admission: its requests and one of the node's pods.
    private static func admissionRequests(of pod: Pod) -> ResourceAmounts {
        pod.spec.resourceRequestAmounts + ResourceAmounts(milli: ["pods": 1000])
    }

    private static func admissionOrder(_ pod: Pod) -> (Int64, String, String) {
        (pod.metadata.creationTimestamp?.secondsSince1970 ?? 0, pod.namespace, pod.name)
    }

    /// The failed GPU, and when it failed, among those the pod held, if one did.
    ///
    /// Devices are handed out in the order pods started: each pod running when a GPU failed
    /// holds the next of the node's GPUs in turn, so every reconcile, in any order, agrees on
    /// whose GPU it was.
    private func gpuFailure(of pod: Pod, on node: Node, startedAt: Timestamp) -> (index: Int, at: Timestamp)? {
        let failed = FailedGPUs(of: node)
        guard !failed.since.isEmpty, PodResources.accelerators(of: pod) > 0 else { return nil }
        for (index, since) in failed.since.sorted(by: { $0.key < $1.key }) where since >= startedAt {
            let holders = pods.pods(on: node.name).filter { other in
                guard let start = other.status?.startTime, start <= since else { return false }
                let finished = other.status?.containerStatuses?.first?.state?.terminated?.finishedAt
                return finished.map { $0 >= since } ?? true
            }
            var next: Decimal = 0
            for holder in holders.sorted(by: { Self.deviceOrder($0) < Self.deviceOrder($1) }) {
                let share = PodResources.wholeGPUs(of: holder, on: node)
                let range = (next, next + share)
                next += share
                guard holder.namespace == pod.namespace, holder.name == pod.name else { continue }
                if Decimal(index) < range.1 && Decimal(index + 1) > range.0 { return (index, since) }
            }
        }
        return nil
    }

    private static func deviceOrder(_ pod: Pod) -> (Int64, Int64, String, String) {
        (
            pod.status?.startTime?.secondsSince1970 ?? 0, pod.metadata.creationTimestamp?.secondsSince1970 ?? 0,
            pod.namespace, pod.name
        )
    }

    /// The kubelet's crash back-off: 10 s doubling to 5 minutes.
    static func backOff(afterRestarts restarts: Int) -> Duration {
        let exponent = max(0, min(restarts - 1, 5))
        return min(.seconds(10 * (1 << exponent)), .seconds(300))
    }

    static let progressAnnotation = SimAnnotations.progress

    /// The run time a pod has done in earlier runs, as recorded at each restart.
    static func progress(of pod: Pod) -> Duration {
        pod.metadata.annotations?[progressAnnotation].flatMap(GoDuration.init)?.duration ?? .zero
    }

    static func duration(from start: Date, to end: Date) -> Duration {
        .milliseconds(Int64((end.timeIntervalSince(start) * 1000).rounded(.up)))
    }

    static func podIP(_ pod: Pod) -> String {
        let hash = FNV1a.value("\(pod.namespace)/\(pod.name)/\(pod.metadata.uid ?? "")")
        return "10.\(128 + hash % 64).\((hash >> 8) % 256).\((hash >> 16) % 254 + 1)"
    }

    static func qosClass(_ pod: Pod) -> String {
        let containers = pod.spec.containers ?? []
        let requests = containers.map { $0.resources?.requests ?? [:] }
        let limits = containers.map { $0.resources?.limits ?? [:] }
        if requests.allSatisfy(\.isEmpty) && limits.allSatisfy(\.isEmpty) { return "BestEffort" }
        let guaranteed = zip(requests, limits).allSatisfy { requests, limits in
            ["cpu", "memory"].allSatisfy { limits[$0] != nil && (requests[$0] == nil || requests[$0] == limits[$0]) }
        }
        return guaranteed ? "Guaranteed" : "Burstable"
    }

    static func setting(_ conditions: [PodCondition]?, _ values: [(String, String)], at now: Timestamp) -> [PodCondition] {
        var result = conditions ?? []
        for (type, value) in values {
            if let index = result.firstIndex(where: { $0.type == type }) {
                if result[index].status != value {
                    result[index].status = value
                    result[index].lastTransitionTime = now
                }
            } else {
                result.append(PodCondition(type: type, status: value, lastTransitionTime: now))
            }
        }
        return result
    }
}

/// Durations written back as Go durations, in whole seconds (`5400s`).
enum GoDurationText {
    static func seconds(_ duration: Duration) -> String {
        "\(duration.components.seconds)s"
    }
}
