import FermiAPI
import Foundation

/// A Job's pods as its controller counts them, and the pods it makes: what upstream's job
/// controller keeps in its status (active, ready, succeeded, failed, completed indexes) and
/// how a new pod is made from the template.
struct JobPods {
    /// Pods neither finished nor being deleted.
    var active: [Pod] = []
    var ready = 0
    var succeeded = 0
    var failed = 0
    /// Indexes with a pod that succeeded (Indexed jobs).
    var completedIndexes = Set<Int>()
    /// Indexes with an active pod (Indexed jobs).
    var activeIndexes = Set<Int>()
    /// When the last pod failed.
    var lastFailure: Timestamp?

    /// The label and annotation that carry an Indexed job's pod's index.
    static let indexKey = "batch.kubernetes.io/job-completion-index"

    init(_ pods: [Pod]) {
        for pod in pods where pod.metadata.deletionTimestamp == nil {
            let index = pod.metadata.annotations?[Self.indexKey].flatMap { Int($0) }
            switch pod.status?.phase {
            case PodPhase.succeeded?:
                succeeded += 1
                if let index { completedIndexes.insert(index) }
            case PodPhase.failed?:
                failed += 1
                let finished = pod.status?.containerStatuses?.compactMap { $0.state?.terminated?.finishedAt }.max()
                if let finished, lastFailure.map({ finished > $0 }) ?? true { lastFailure = finished }
            default:
                active.append(pod)
                if let index { activeIndexes.insert(index) }
                if pod.status?.conditions?.contains(where: { $0.type == "Ready" && $0.status == ConditionStatus.true }) == true {
                    ready += 1
                }
            }
        }
    }

    /// The indexes an Indexed job still needs pods for, lowest first.
    func missingIndexes(completions: Int) -> [Int] {
        (0..<completions).filter { !completedIndexes.contains($0) && !activeIndexes.contains($0) }
    }

    /// `indexes` as upstream writes completedIndexes: ascending runs, `1,3-5,7`.
    static func intervals(_ indexes: Set<Int>) -> String? {
        guard !indexes.isEmpty else { return nil }
        var runs: [String] = []
        var sorted = indexes.sorted()[...]
        while let start = sorted.popFirst() {
            var end = start
            while sorted.first == end + 1 { end = sorted.removeFirst() }
            runs.append(start == end ? "\(start)" : "\(start)-\(end)")
        }
        return runs.joined(separator: ",")
    }

    /// A new pod of `job` from its template: named after the job, labelled and owned as
    /// upstream labels and owns them, carrying the job's `sim.fermi.dev/` annotations (the
    /// template's own win) and, for an Indexed job, its index.
    static func newPod(of job: Job, index: Int?) -> Pod {
        let template = job.spec.template ?? PodTemplateSpec()
        var metadata = ObjectMeta()
        metadata.namespace = job.namespace
        metadata.generateName = index.map { "\(job.name)-\($0)-" } ?? "\(job.name)-"
        let uid = job.metadata.uid ?? ""
        var labels = template.metadata?.labels ?? [:]
        labels["batch.kubernetes.io/job-name"] = job.name
        labels["job-name"] = job.name
        labels["batch.kubernetes.io/controller-uid"] = uid
        labels["controller-uid"] = uid
        var annotations = SimAnnotations.of(job.metadata)
        annotations.merge(template.metadata?.annotations ?? [:]) { _, template in template }
        if let index {
            labels[indexKey] = String(index)
            annotations[indexKey] = String(index)
        }
        metadata.labels = labels
        metadata.annotations = annotations.isEmpty ? nil : annotations
        metadata.ownerReferences = [
            OwnerReference(
                apiVersion: Job.resource.apiVersion, kind: Job.resource.kind, name: job.name, uid: uid, controller: true,
                blockOwnerDeletion: true)
        ]
        var spec = template.spec ?? PodSpec()
        if let index, spec.hostname == nil { spec.hostname = "\(job.name)-\(index)" }
        return Pod(metadata: metadata, spec: spec)
    }
}
