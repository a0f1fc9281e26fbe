import FermiAPI

/// The pods and services of a PyTorchJob, as the training operator makes them: one pod per
/// replica, `<job>-master-0` and `<job>-worker-<i>`, each with a headless service of its
/// name, and torch's distributed environment in the `pytorch` container (MASTER_ADDR,
/// MASTER_PORT, WORLD_SIZE, RANK, and torchrun's PET_ variables).
enum PyTorchReplicas {
    /// Labels the training operator puts on a job's pods and services.
    static let jobNameLabel = "training.kubeflow.org/job-name"
    static let replicaTypeLabel = "training.kubeflow.org/replica-type"
    static let replicaIndexLabel = "training.kubeflow.org/replica-index"
    static let jobRoleLabel = "training.kubeflow.org/job-role"
    static let operatorLabel = "training.kubeflow.org/operator-name"
    /// Which run of the job (0, then one more per restart) a pod belongs to.
    static let runAnnotation = "training.fermi.dev/run"

    /// One replica: its type, index and rank among all replicas.
    struct Replica: Hashable {
        var type: String
        var index: Int
        var rank: Int
        var name: String
    }

    /// Every replica of `job`, Master first, in rank order.
    static func replicas(of job: PyTorchJob) -> [Replica] {
        let specs = job.spec.pytorchReplicaSpecs ?? [:]
        let types = specs.keys.sorted { ($0 == PyTorchReplicaType.master ? 0 : 1, $0) < ($1 == PyTorchReplicaType.master ? 0 : 1, $1) }
        var replicas: [Replica] = []
        for type in types {
            for index in 0..<Int(specs[type]?.replicas ?? 1) {
                replicas.append(Replica(type: type, index: index, rank: replicas.count, name: "\(job.name)-\(type.lowercased())-\(index)"))
            }
        }
        return replicas
    }

    /// The port the master listens on: its `pytorch` container's `pytorchjob-port`.
    static func masterPort(of job: PyTorchJob) -> Int32 {
        let master = job.spec.pytorchReplicaSpecs?[PyTorchReplicaType.master]?.template?.spec?.containers ?? []
        let container = master.first { $0.name == PyTorchJob.containerName }
        return container?.ports?.first { $0.name == PyTorchJob.defaultPortName }?.containerPort ?? PyTorchJob.defaultPort
    }

    /// The pod of `replica` in run `run` of the job, in gang `group` when one is given,
    /// resuming from `checkpoint` (the work done before it) when the job restarted.
    static func pod(of job: PyTorchJob, replica: Replica, group: String?, checkpoint: String? = nil, run: Int = 0) -> Pod {
        let spec = job.spec.pytorchReplicaSpecs?[replica.type]
        let template = spec?.template ?? PodTemplateSpec()
        var metadata = ObjectMeta(name: replica.name, namespace: job.namespace)
        metadata.labels = (template.metadata?.labels ?? [:]).merging(labels(of: job, replica: replica)) { _, ours in ours }
        var annotations = SimAnnotations.of(job.metadata)
        annotations.merge(template.metadata?.annotations ?? [:]) { _, template in template }
        if let group { annotations[VolcanoAnnotations.groupName] = group }
        if let checkpoint {
            annotations[SimAnnotations.progress] = checkpoint
            annotations[SimAnnotations.resumedFrom] = checkpoint
        }
        annotations[runAnnotation] = String(run)
        metadata.annotations = annotations.isEmpty ? nil : annotations
        metadata.ownerReferences = [owner(job)]
        var podSpec = template.spec ?? PodSpec()
        // ExitCode is the operator's own policy: the pod itself never restarts.
        let policy = spec?.restartPolicy ?? "OnFailure"
        podSpec.restartPolicy = policy == "ExitCode" ? "Never" : policy
        if group != nil, podSpec.schedulerName == nil || podSpec.schedulerName == PodSpec.defaultSchedulerName {
            podSpec.schedulerName = VolcanoAnnotations.schedulerName
        }
        let environment = self.environment(of: job, replica: replica)
        var containers = podSpec.containers ?? []
        let target = containers.firstIndex { $0.name == PyTorchJob.containerName } ?? 0
        if containers.indices.contains(target) {
            let declared = containers[target].env ?? []
            let names = Set(declared.compactMap(\.name))
            containers[target].env = declared + environment.filter { !names.contains($0.name ?? "") }
            podSpec.containers = containers
        }
        return Pod(metadata: metadata, spec: podSpec)
    }

    /// The headless service that gives `replica` its address.
    static func service(of job: PyTorchJob, replica: Replica) -> Service {
        var metadata = ObjectMeta(name: replica.name, namespace: job.namespace)
        metadata.labels = labels(of: job, replica: replica)
        metadata.ownerReferences = [owner(job)]
        let port = masterPort(of: job)
        return Service(
            metadata: metadata,
            spec: ServiceSpec(
                ports: [ServicePort(name: PyTorchJob.defaultPortName, port: port, targetPort: .int(port))],
                selector: labels(of: job, replica: replica), clusterIP: "None"))
    }

    /// torch.distributed's environment for `replica`.
    static func environment(of job: PyTorchJob, replica: Replica) -> [EnvVar] {
        let nodes = replicas(of: job).count
        let masterAddress = "\(job.name)-\(PyTorchReplicaType.master.lowercased())-0"
        let perNode = job.spec.nprocPerNode ?? "auto"
        var environment = [
            EnvVar(name: "MASTER_PORT", value: String(masterPort(of: job))),
            EnvVar(name: "MASTER_ADDR", value: masterAddress),
            EnvVar(name: "WORLD_SIZE", value: String(nodes * (Int(perNode) ?? 1))),
            EnvVar(name: "RANK", value: String(replica.rank)),
            EnvVar(name: "PYTHONUNBUFFERED", value: "1"),
        ]
        guard let elastic = job.spec.elasticPolicy else {
            environment += [
                EnvVar(name: "PET_NPROC_PER_NODE", value: perNode),
                EnvVar(name: "PET_NNODES", value: String(nodes)),
                EnvVar(name: "PET_NODE_RANK", value: String(replica.rank)),
            ]
            return environment
        }
        // Elastic: torchrun meets the others at a rendezvous and runs with between min and max.
        let workers = Int32(job.spec.pytorchReplicaSpecs?[PyTorchReplicaType.worker]?.replicas ?? 1)
        let host = elastic.rdzvHost ?? "\(job.name)-\(PyTorchReplicaType.worker.lowercased())-0"
        environment += [
            EnvVar(name: "PET_NPROC_PER_NODE", value: elastic.nProcPerNode.map(String.init) ?? perNode),
            EnvVar(name: "PET_NNODES", value: "\(elastic.minReplicas ?? workers):\(elastic.maxReplicas ?? workers)"),
            EnvVar(name: "PET_RDZV_BACKEND", value: elastic.rdzvBackend ?? "c10d"),
            EnvVar(name: "PET_RDZV_ENDPOINT", value: "\(host):\(elastic.rdzvPort ?? 29400)"),
            EnvVar(name: "PET_RDZV_ID", value: elastic.rdzvId ?? job.name),
        ]
        if let restarts = elastic.maxRestarts { environment.append(EnvVar(name: "PET_MAX_RESTARTS", value: String(restarts))) }
        return environment
    }

    static func labels(of job: PyTorchJob, replica: Replica) -> [String: String] {
        var labels = [
            jobNameLabel: job.name, replicaTypeLabel: replica.type.lowercased(), replicaIndexLabel: String(replica.index),
            operatorLabel: "pytorchjob-controller",
        ]
        if replica.type == PyTorchReplicaType.master { labels[jobRoleLabel] = "master" }
        return labels
    }

    static func owner(_ job: PyTorchJob) -> OwnerReference {
        OwnerReference(
            apiVersion: PyTorchJob.resource.apiVersion, kind: PyTorchJob.resource.kind, name: job.name,
            uid: job.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
    }
}
