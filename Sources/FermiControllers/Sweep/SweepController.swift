import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The sweep controller: runs a sweep's trials as Jobs made from its template (named
/// `<sweep>-<number>`, their parameter values in every container's environment), at most
/// `parallelTrials` at a time, each through whatever queue the template names; scores each
/// trial that completes by the objective metric its output reported (as Katib's stdout
/// collector reads it, which the kubelet records on the pod), keeps the best, and finishes
/// once every trial has.
public struct SweepController: Reconciler {
    public static let name = "sweep"
    /// The label that ties a trial's Job to its sweep.
    public static let sweepLabel = "fermi.dev/sweep"

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let sweeps: Informer<Sweep>
    let jobs: Informer<Job>
    let pods: Informer<Pod>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let pods = informers.informer(Pod.self)
        pods.indexByController()
        let controller = SweepController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "sweep-controller"),
            sweeps: informers.informer(Sweep.self), jobs: informers.informer(Job.self), pods: pods)
        controller.sweeps.enqueueChanges(in: queue)
        controller.jobs.enqueueOwners(Sweep.self, in: queue)
        // A trial's metrics land on its pod after the trial completes.
        pods.onChange { event in
            guard let sweep = event.object.metadata.labels?[sweepLabel] else { return }
            queue.add(ObjectKey(namespace: event.object.namespace, name: sweep))
        }
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load the sweep, its plan and its trials' jobs.
        guard let sweep = sweeps.object(key), sweep.metadata.deletionTimestamp == nil else { return .done }
        let plan = SweepPlan.assignments(of: sweep.spec)
        let trialJobs = Dictionary(
            jobs.objects(in: sweep.namespace).filter { $0.metadata.labels?[Self.sweepLabel] == sweep.name }.map { ($0.name, $0) },
            uniquingKeysWith: { first, _ in first })
        var status = sweep.status ?? SweepStatus()
        if status.phase == "Succeeded" || status.phase == "Failed" { return .done }
        // 2: Where each trial made so far stands, and its score once it completed.
        let goal = sweep.spec.objective?.goal ?? "minimize"
        var trials: [SweepTrial] = []
        for (number, parameters) in plan.enumerated() {
            let name = Self.trialName(sweep, number)
            guard let job = trialJobs[name] else { break }
            var trial = SweepTrial(name: name, parameters: parameters, phase: "Running")
            if let completion = job.completion {
                trial.phase = completion.succeeded ? "Succeeded" : "Failed"
                if completion.succeeded {
                    // Until the collector has been, the trial is still being scored; a metric
                    // the trial never reported leaves it without one, as Katib says.
                    switch observation(of: job, metric: sweep.spec.objective?.metric ?? "loss") {
                    case .collecting: trial.phase = "Running"
                    case .unavailable: trial.phase = "MetricsUnavailable"
                    case .observed(let value): trial.metric = value
                    }
                }
            } else if job.spec.suspend == true || (job.status?.active ?? 0) == 0 {
                trial.phase = "Pending"
            }
            trials.append(trial)
        }
        // 3: Start more, up to parallelTrials unfinished at once.
        var unfinished = trials.filter { $0.phase == "Running" || $0.phase == "Pending" }.count
        while unfinished < Int(sweep.spec.parallelTrials ?? 1), trials.count < plan.count {
            let number = trials.count
            let job = try await startTrial(number, of: sweep, parameters: plan[number])
            trials.append(SweepTrial(name: job.name, parameters: plan[number], phase: "Pending"))
            unfinished += 1
        }
        // 4: Report: counts, the best so far, and the end.
        status.trials = trials
        status.runningTrials = Int32(unfinished)
        status.completedTrials = Int32(trials.filter { $0.phase == "Succeeded" }.count)
        status.failedTrials = Int32(trials.filter { $0.phase == "Failed" }.count)
        var best: SweepTrial?
        for trial in trials where trial.phase == "Succeeded" {
            if SweepPlan.isBetter(trial.metric ?? "", than: best?.metric, goal: goal) { best = trial }
        }
        status.bestTrial = best
        let now = Timestamp(clock.now.date)
        if trials.count == plan.count, unfinished == 0 {
            status.phase = best == nil ? "Failed" : "Succeeded"
            let message = best.map {
                "\(trials.count) trials done; best \($0.name ?? "") with \(sweep.spec.objective?.metric ?? "metric") \($0.metric ?? "")"
            } ?? "\(trials.count) trials done; none succeeded"
            status.conditions = Conditions.setting(
                status.conditions ?? [],
                Condition(type: "Succeeded", status: best == nil ? "False" : "True", reason: best == nil ? "NoTrialSucceeded" : "BestTrialFound", message: message),
                now: now)
            recorder.record(sweep, reason: best == nil ? "SweepFailed" : "SweepSucceeded", message: message)
        } else {
            status.phase = "Running"
        }
        guard status != sweep.status else { return .done }
        var next = sweep
        next.status = status
        _ = try await server.updateStatus(next)
        return .done
    }

    /// What a trial's output said of `metric`.
    enum Observation {
        case collecting
        case unavailable
        case observed(String)
    }

    /// The latest value of `metric` that the trial's last pod to succeed reported.
    private func observation(of job: Job, metric: String) -> Observation {
        guard let uid = job.metadata.uid else { return .collecting }
        let succeeded = pods.pods(controlledBy: uid).filter { $0.status?.phase == PodPhase.succeeded }
        let last = succeeded.max { finishedAt($0) < finishedAt($1) }
        guard let annotations = last?.metadata.annotations, annotations[SimAnnotations.metrics] != nil else { return .collecting }
        return SimAnnotations.metrics(in: annotations)[metric].map(Observation.observed) ?? .unavailable
    }

    private func finishedAt(_ pod: Pod) -> Int64 {
        pod.status?.containerStatuses?.first?.state?.terminated?.finishedAt?.secondsSince1970 ?? 0
    }

    static func trialName(_ sweep: Sweep, _ number: Int) -> String {
        "\(sweep.name)-\(number)"
    }

    /// Makes trial `number`'s Job: the template's, its parameters in every container's
    /// environment, owned by the sweep.
    private func startTrial(_ number: Int, of sweep: Sweep, parameters: [String: String]) async throws -> Job {
        let template = sweep.spec.trialTemplate
        var metadata = template?.metadata ?? ObjectMeta()
        metadata.name = Self.trialName(sweep, number)
        metadata.namespace = sweep.namespace
        metadata.labels = (metadata.labels ?? [:]).merging([Self.sweepLabel: sweep.name]) { _, ours in ours }
        // Trials train: their pods print a trainer's logs, with the metrics they report.
        metadata.annotations = [SimAnnotations.kind: "training"].merging(metadata.annotations ?? [:]) { _, template in template }
        metadata.ownerReferences = [
            OwnerReference(
                apiVersion: Sweep.resource.apiVersion, kind: Sweep.resource.kind, name: sweep.name, uid: sweep.metadata.uid ?? "",
                controller: true, blockOwnerDeletion: true)
        ]
        var spec = template?.spec ?? JobSpec()
        let environment = parameters.sorted { $0.key < $1.key }.map { EnvVar(name: $0.key, value: $0.value) }
        let names = Set(environment.compactMap(\.name))
        let containers = (spec.template?.spec?.containers ?? []).map { container in
            var container = container
            container.env = (container.env ?? []).filter { !names.contains($0.name ?? "") } + environment
            return container
        }
        spec.template?.spec?.containers = containers
        // Its pods carry the sweep's label too, so their metrics wake the sweep.
        var podMetadata = spec.template?.metadata ?? ObjectMeta()
        podMetadata.labels = (podMetadata.labels ?? [:]).merging([Self.sweepLabel: sweep.name]) { _, ours in ours }
        spec.template?.metadata = podMetadata
        do {
            let job = try await server.create(Job(metadata: metadata, spec: spec))
            recorder.record(sweep, reason: "TrialCreated", message: "Created trial \(job.name)")
            return job
        } catch APIError.alreadyExists {
            return try await server.get(Job.self, namespace: sweep.namespace, name: Self.trialName(sweep, number))
        }
    }
}
