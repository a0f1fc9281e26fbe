import Foundation

/// A Kubeflow PyTorchJob (`kubeflow.org/v1`): distributed PyTorch training as a Master and
/// Workers, each a replica set of pods made from a template, run by the training operator.
public struct PyTorchJob: StatusHavingObject {
    public static let resource = APIResource(
        group: "kubeflow.org", version: "v1", kind: "PyTorchJob", plural: "pytorchjobs", namespaced: true)

    public var apiVersion = PyTorchJob.resource.apiVersion
    public var kind = PyTorchJob.resource.kind
    public var metadata: ObjectMeta
    public var spec: PyTorchJobSpec
    public var status: JobStatusKubeflow?

    public init(metadata: ObjectMeta, spec: PyTorchJobSpec = PyTorchJobSpec(), status: JobStatusKubeflow? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What a PyTorchJob runs: its replicas by type, how the job as a whole is run, and elastic
/// training's bounds.
public struct PyTorchJobSpec: Codable, Hashable, Sendable {
    /// How the job runs: pod clean-up, time limits, retries, gang scheduling, suspension.
    public var runPolicy: RunPolicy?
    /// Elastic training (torchrun's rendezvous): worker bounds and rendezvous settings.
    public var elasticPolicy: ElasticPolicy?
    /// The replicas by type: `Master` (exactly one) and `Worker`.
    public var pytorchReplicaSpecs: [String: ReplicaSpec]?
    /// Processes per node for torchrun: `auto`, `cpu`, `gpu` or a number.
    public var nprocPerNode: String?

    public init(
        runPolicy: RunPolicy? = nil, elasticPolicy: ElasticPolicy? = nil,
        pytorchReplicaSpecs: [String: ReplicaSpec]? = nil, nprocPerNode: String? = nil
    ) {
        self.runPolicy = runPolicy
        self.elasticPolicy = elasticPolicy
        self.pytorchReplicaSpecs = pytorchReplicaSpecs
        self.nprocPerNode = nprocPerNode
    }
}

/// One replica type of a training job: how many pods, made from which template, restarted how.
public struct ReplicaSpec: Codable, Hashable, Sendable {
    /// How many pods of this type; 1 by default.
    public var replicas: Int32?
    /// The pods' template; its container named `pytorch` runs the training.
    public var template: PodTemplateSpec?
    /// Always, OnFailure (the default), Never or ExitCode (restart on retryable exit codes).
    public var restartPolicy: String?

    public init(replicas: Int32? = nil, template: PodTemplateSpec? = nil, restartPolicy: String? = nil) {
        self.replicas = replicas
        self.template = template
        self.restartPolicy = restartPolicy
    }
}

/// How a training job runs as a whole (the training operator's `RunPolicy`).
public struct RunPolicy: Codable, Hashable, Sendable {
    /// Which pods are deleted when the job finishes: All, Running or None.
    public var cleanPodPolicy: String?
    /// Seconds after the job finishes before it is deleted.
    public var ttlSecondsAfterFinished: Int32?
    /// Seconds the job may run before it is failed.
    public var activeDeadlineSeconds: Int64?
    /// Retries before the job is failed.
    public var backoffLimit: Int32?
    /// Gang scheduling: the minimum members, queue, resources and priority of its PodGroup.
    public var schedulingPolicy: SchedulingPolicy?
    /// Whether the job is held: no pods, running ones stopped.
    public var suspend: Bool?
    /// The controller that reconciles the job, when not the training operator.
    public var managedBy: String?

    public init(
        cleanPodPolicy: String? = nil, ttlSecondsAfterFinished: Int32? = nil, activeDeadlineSeconds: Int64? = nil,
        backoffLimit: Int32? = nil, schedulingPolicy: SchedulingPolicy? = nil, suspend: Bool? = nil
    ) {
        self.cleanPodPolicy = cleanPodPolicy
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.backoffLimit = backoffLimit
        self.schedulingPolicy = schedulingPolicy
        self.suspend = suspend
    }
}

/// The PodGroup a gang-scheduled training job gets.
public struct SchedulingPolicy: Codable, Hashable, Sendable {
    /// Pods that must be placed together; all replicas by default.
    public var minAvailable: Int32?
    /// The Volcano queue.
    public var queue: String?
    /// Resources the gang needs before it is admitted.
    public var minResources: ResourceList?
    /// The PodGroup's priority class.
    public var priorityClass: String?
    /// Seconds the gang may wait to be scheduled.
    public var scheduleTimeoutSeconds: Int32?

    public init(minAvailable: Int32? = nil, queue: String? = nil, priorityClass: String? = nil) {
        self.minAvailable = minAvailable
        self.queue = queue
        self.priorityClass = priorityClass
    }
}

/// Elastic PyTorch training: the range of workers and torchrun's rendezvous.
public struct ElasticPolicy: Codable, Hashable, Sendable {
    /// The fewest workers training continues with.
    public var minReplicas: Int32?
    /// The most workers it scales to.
    public var maxReplicas: Int32?
    /// The rendezvous backend: c10d, etcd or etcd-v2.
    public var rdzvBackend: String?
    public var rdzvPort: Int32?
    public var rdzvHost: String?
    /// The rendezvous id; the job's uid by default.
    public var rdzvId: String?
    /// Further rendezvous settings.
    public var rdzvConf: [RDZVConf]?
    /// torchrun `--standalone`.
    public var standalone: Bool?
    /// Processes per node (deprecated in favour of spec.nprocPerNode).
    public var nProcPerNode: Int32?
    /// Restarts of the worker group before the job fails.
    public var maxRestarts: Int32?
    /// Metrics the horizontal pod autoscaler scales on (autoscaling/v2 MetricSpec).
    public var metrics: [JSONValue]?

    public init(minReplicas: Int32? = nil, maxReplicas: Int32? = nil, rdzvBackend: String? = nil, maxRestarts: Int32? = nil) {
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.rdzvBackend = rdzvBackend
        self.maxRestarts = maxRestarts
    }
}

/// One rendezvous setting.
public struct RDZVConf: Codable, Hashable, Sendable {
    public var key: String?
    public var value: String?
}

/// Where a training job stands (the training operator's `JobStatus`).
public struct JobStatusKubeflow: Codable, Hashable, Sendable {
    /// Created, Running, Restarting, Succeeded, Failed, Suspended.
    public var conditions: [JobConditionKubeflow]?
    /// Pods by replica type.
    public var replicaStatuses: [String: ReplicaStatus]?
    /// When the operator started on the job.
    public var startTime: Timestamp?
    /// When the job finished.
    public var completionTime: Timestamp?
    /// When the operator last reconciled the job.
    public var lastReconcileTime: Timestamp?
    /// Fermi's own: times the run was restarted from its checkpoint after a replica failed,
    /// counted against backoffLimit with the restarts of containers in place.
    public var restarts: Int32?
    /// Fermi's own: the work the last restart resumed from (its checkpoint, `18000s`).
    public var checkpoint: String?
    /// Fermi's own: work thrown away by restarts, past the checkpoints they resumed from.
    public var lostWork: String?
    /// Fermi's own: how far the run has got, as a share of its simulated length (`55%`).
    public var progress: String?
    /// Fermi's own: the simulated training loss at that point (`0.4123`), as its logs print it.
    public var loss: String?
    /// Fermi's own: samples a second the running replicas process together (`12800`), as
    /// their logs print it.
    public var throughput: String?
    /// Fermi's own: GPU-hours the job's pods have used so far, over every run.
    public var gpuHours: String?
    /// Fermi's own: what those pods cost so far, at their nodes' prices.
    public var cost: String?
    /// Fermi's own: the runs that have ended (each restart ends one), oldest first.
    public var runs: [TrainingRun]?
    /// Fermi's own: progress, loss and throughput over time, sampled as the job runs (at
    /// most `TrainingMetricsSample.limit`, thinned evenly as the history grows).
    public var metricsHistory: [TrainingMetricsSample]?

    public init(conditions: [JobConditionKubeflow]? = nil, replicaStatuses: [String: ReplicaStatus]? = nil) {
        self.conditions = conditions
        self.replicaStatuses = replicaStatuses
    }
}

/// Fermi's own: one run of a training job, from its start (or restart) to its end.
public struct TrainingRun: Codable, Hashable, Sendable {
    /// The run's number: 0 for the first, one more for each restart.
    public var run: Int32?
    public var startTime: Timestamp?
    public var endTime: Timestamp?
    /// The checkpoint it resumed from (`18000s`); absent for a run from the start.
    public var resumedFrom: String?
    /// How it ended: Restarted, Succeeded or Failed.
    public var outcome: String?
    /// How far it got (`55%`).
    public var progress: String?
    /// GPU-hours its pods used, and what they cost.
    public var gpuHours: String?
    public var cost: String?

    public init(run: Int32? = nil, startTime: Timestamp? = nil, endTime: Timestamp? = nil, outcome: String? = nil) {
        self.run = run
        self.startTime = startTime
        self.endTime = endTime
        self.outcome = outcome
    }
}

/// Fermi's own: a training job's metrics at one moment.
public struct TrainingMetricsSample: Codable, Hashable, Sendable {
    public var time: Timestamp?
    /// How far the job had got (`55%`).
    public var progress: String?
    public var loss: String?
    /// Samples a second across its running replicas.
    public var throughput: String?

    /// The most samples a status keeps.
    public static let limit = 48

    public init(time: Timestamp? = nil, progress: String? = nil, loss: String? = nil, throughput: String? = nil) {
        self.time = time
        self.progress = progress
        self.loss = loss
        self.throughput = throughput
    }
}

/// A training job's condition.
public struct JobConditionKubeflow: Codable, Hashable, Sendable, StatusCondition {
    public var type: String?
    public var status: String?
    public var reason: String?
    public var message: String?
    public var lastUpdateTime: Timestamp?
    public var lastTransitionTime: Timestamp?

    public init(type: String? = nil, status: String? = nil, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}

/// The pods of one replica type.
public struct ReplicaStatus: Codable, Hashable, Sendable {
    public var active: Int32?
    public var succeeded: Int32?
    public var failed: Int32?
    /// The replicas' label selector, for the scale subresource.
    public var labelSelector: LabelSelector?
    /// The same selector as a string.
    public var selector: String?

    public init(active: Int32? = nil, succeeded: Int32? = nil, failed: Int32? = nil) {
        self.active = active
        self.succeeded = succeeded
        self.failed = failed
    }
}

/// The replica types a PyTorchJob may have.
public enum PyTorchReplicaType {
    public static let master = "Master"
    public static let worker = "Worker"
    public static let all = [master, worker]
}

/// The values of the training operator's enums.
public enum TrainingEnums {
    public static let restartPolicies = ["Always", "OnFailure", "Never", "ExitCode"]
    public static let cleanPodPolicies = ["All", "Running", "None"]
    public static let rdzvBackends = ["c10d", "etcd", "etcd-v2"]
    public static let conditionTypes = ["Created", "Running", "Restarting", "Succeeded", "Suspended", "Failed"]
}

extension PyTorchJob {
    /// NAME STATE AGE, as the PyTorchJob CRD prints it; wide: the queue it waits in (Volcano's
    /// or Kueue's), the GPUs its replicas ask for, and how far it has got.
    public static var printerColumns: [PrinterColumn] {
        [
            PrinterColumn("State", jsonPath: ".status.conditions[-1:].type"), .age,
            PrinterColumn("Queue", priority: 1) { object, _ in
                object.value(at: "spec.runPolicy.schedulingPolicy.queue")?.stringValue
                    ?? object.value(at: "metadata.labels")?[KueueNames.queueNameLabel]?.stringValue
            },
            PrinterColumn("GPUs", type: .integer, priority: 1) { object, _ in
                (try? JSONValueDecoder.decode(PyTorchJob.self, from: object)).map { String($0.requestedGPUs) }
            },
            PrinterColumn("Progress", jsonPath: ".status.progress", priority: 1),
            PrinterColumn("Loss", jsonPath: ".status.loss", priority: 1),
        ]
    }

    /// The hyperparameters the job runs with: its master's (else first replica's) trainer
    /// environment as the manifest writes it, and its arguments (as `args`).
    public var trainerParameters: [String: String] {
        let specs = spec.pytorchReplicaSpecs ?? [:]
        let replica = specs[PyTorchReplicaType.master] ?? specs.sorted { $0.key < $1.key }.first?.value
        return Hyperparameters.of(replica?.template?.spec)
    }

    /// The whole GPUs all replicas ask for together.
    public var requestedGPUs: Int {
        (spec.pytorchReplicaSpecs ?? [:]).values.reduce(0) { total, replica in
            let perPod = (replica.template?.spec?.resourceRequests ?? [:])
                .filter { AcceleratorResources.contains($0.key) }.values.reduce(Decimal(0), +)
            return total + Int(truncating: (perPod * Decimal(Int(replica.replicas ?? 1))) as NSDecimalNumber)
        }
    }

    /// The container that runs the training in every replica's template.
    public static let containerName = "pytorch"
    /// The port the `pytorch` container gets when it declares none.
    public static let defaultPortName = "pytorchjob-port"
    public static let defaultPort: Int32 = 23456
}

extension JobConditionKubeflow {
    public var conditionType: String { type ?? "" }
    public var conditionStatus: String { status ?? "" }
}
