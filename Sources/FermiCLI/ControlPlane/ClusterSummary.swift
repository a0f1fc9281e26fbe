import FermiAPI
import FermiRuntime
import FermiSim
import Foundation

/// What the cluster is doing, counted from the informers: for the progress line while the
/// control plane runs and the summary when it stops.
struct ClusterSummary {
    var pending = 0
    var running = 0
    var succeeded = 0
    var failed = 0
    var readyNodes = 0
    var nodes = 0
    var workloadsFinished = 0
    var workloadsFailed = 0
    var usage = PodUsage()

    init(pods: [Pod], nodes: [Node]) {
        self.nodes = nodes.count
        readyNodes = nodes.filter(NodeConditions.isReady).count
        // A workload is a pod's controlling owner, or the pod itself when it has none.
        var workloads: [String: [String]] = [:]
        for pod in pods {
            let phase = pod.status?.phase ?? "Pending"
            switch phase {
            case "Running": running += 1
            case "Succeeded": succeeded += 1
            case "Failed": failed += 1
            default: pending += 1
            }
            usage = usage + PodUsage(annotations: pod.metadata.annotations)
            let owner = pod.metadata.ownerReferences?.first { $0.controller == true }
            let workload = owner.map { "\($0.kind)/\(pod.namespace)/\($0.name)" } ?? "Pod/\(pod.namespace)/\(pod.name)"
            workloads[workload, default: []].append(phase)
        }
        for phases in workloads.values {
            if phases.allSatisfy({ $0 == "Succeeded" }) { workloadsFinished += 1 }
            else if phases.contains("Failed"), !phases.contains(where: { $0 == "Running" || $0 == "Pending" }) {
                workloadsFailed += 1
            }
        }
    }

    /// One line: simulated time, pods by phase, nodes Ready.
    func progressLine(at instant: EpochInstant, since start: EpochInstant) -> String {
        "[\(Timestamp(instant.date)) +\(Self.text(start.duration(to: instant)))] pods: \(pending) pending, "
            + "\(running) running, \(succeeded) succeeded, \(failed) failed; nodes: \(readyNodes)/\(nodes) Ready"
    }

    /// The closing summary of a run from `start` to `end`.
    func report(from start: EpochInstant, to end: EpochInstant) -> String {
        """
        Simulated \(Self.text(start.duration(to: end))) (\(Timestamp(start.date)) to \(Timestamp(end.date)))
        Workloads: \(workloadsFinished) finished, \(workloadsFailed) failed
        Pods: \(succeeded) succeeded, \(failed) failed, \(running) running, \(pending) pending
        GPU-hours: \(PodUsage.text(usage.gpuHours, places: 2))
        Core-hours: \(PodUsage.text(usage.coreHours, places: 2))
        Cost: ¥\(PodUsage.text(usage.cost, places: 2))
        """
    }

    /// A duration as `3h12m5s`.
    static func text(_ duration: Duration) -> String {
        var seconds = duration.components.seconds
        let days = seconds / 86400
        seconds %= 86400
        let parts = [(days, "d"), (seconds / 3600, "h"), (seconds % 3600 / 60, "m"), (seconds % 60, "s")]
        let text = parts.filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }.joined()
        return text.isEmpty ? "0s" : text
    }
}
