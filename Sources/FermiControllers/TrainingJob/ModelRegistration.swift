import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// The record a successful training job leaves: a new version of its model (the one its
/// `fermi.dev/model` annotation names, else one named after the job) with the parameters the
/// job ran with, how the run went, and the `fermi://models/NAME/VERSION` URI an
/// InferenceService loads it by. A job registers one version, however often it is looked at.
struct ModelRegistration {
    let server: APIServer
    let models: Informer<Model>

    /// The model a job's version goes to.
    static func modelName(of job: PyTorchJob) -> String {
        job.metadata.annotations?[ModelAnnotations.model] ?? job.name
    }

    /// Whether `job` has registered its version already, as far as the cache shows.
    func isRegistered(_ job: PyTorchJob) -> Bool {
        let model = models.object(namespace: job.namespace, name: Self.modelName(of: job))
        return model?.status?.versions?.contains { $0.sourceJobUID == job.metadata.uid } == true
    }

    /// Registers `job`'s version; returns it (the existing one when it was registered before).
    func register(_ job: PyTorchJob, status: JobStatusKubeflow, now: Timestamp) async throws -> ModelVersion {
        let name = Self.modelName(of: job)
        var model: Model
        do {
            model = try await server.get(Model.self, namespace: job.namespace, name: name)
        } catch APIError.notFound {
            var spec = RegisteredModelSpec(framework: "pytorch")
            spec.description = "Trained by PyTorchJob \(job.namespace)/\(job.name)"
            model = try await server.create(Model(metadata: ObjectMeta(name: name, namespace: job.namespace), spec: spec))
        }
        var registry = model.status ?? ModelStatus()
        if let existing = registry.versions?.first(where: { $0.sourceJobUID == job.metadata.uid }) { return existing }
        let number = (registry.latestVersion ?? 0) + 1
        let version = ModelVersion(
            version: number, storageUri: Model.storageURI(name: name, version: number),
            sourceJob: "PyTorchJob \(job.namespace)/\(job.name)", sourceJobUID: job.metadata.uid,
            parameters: job.trainerParameters, metrics: Self.metrics(of: job, status: status), createdAt: now)
        registry.versions = (registry.versions ?? []) + [version]
        registry.latestVersion = number
        model.status = registry
        _ = try await server.updateStatus(model)
        return version
    }

    /// How the run went.
    static func metrics(of job: PyTorchJob, status: JobStatusKubeflow) -> [String: String] {
        var metrics = ["gpus": String(job.requestedGPUs), "restarts": String(status.restarts ?? 0)]
        if let start = status.startTime, let end = status.completionTime {
            let seconds = end.secondsSince1970 - start.secondsSince1970
            metrics["trainingTime"] = "\(seconds)s"
        }
        // What the job's pods used over every run, and what that cost at their nodes' prices.
        if let gpuHours = status.gpuHours { metrics["gpuHours"] = gpuHours }
        if let cost = status.cost { metrics["cost"] = cost }
        let throughputs = (status.metricsHistory ?? []).compactMap { $0.throughput.flatMap(Double.init) }
        if !throughputs.isEmpty { metrics["throughput"] = TrainingRecord.throughputText(throughputs.reduce(0, +) / Double(throughputs.count)) }
        if let loss = status.loss { metrics["loss"] = loss }
        if let lost = status.lostWork { metrics["lostWork"] = lost }
        return metrics
    }
}
