extension PyTorchJob {
    /// Kueue's admission: a job that names a LocalQueue starts suspended until its workload is
    /// admitted.
    public mutating func setDefaultsOnCreate() {
        guard metadata.kueueQueueName != nil else { return }
        var runPolicy = spec.runPolicy ?? RunPolicy()
        runPolicy.suspend = true
        spec.runPolicy = runPolicy
    }

    /// The training operator's defaults (`SetDefaults_PyTorchJob`): clean-up policy None, one
    /// replica and restart OnFailure per replica type, the `pytorch` container's port 23456,
    /// elastic rendezvous over c10d, and each template's pod defaults.
    public mutating func setDefaults() {
        var runPolicy = spec.runPolicy ?? RunPolicy()
        if runPolicy.cleanPodPolicy == nil { runPolicy.cleanPodPolicy = "None" }
        if runPolicy.suspend == nil { runPolicy.suspend = false }
        spec.runPolicy = runPolicy
        if spec.elasticPolicy != nil {
            if spec.elasticPolicy?.rdzvBackend == nil { spec.elasticPolicy?.rdzvBackend = "c10d" }
            if spec.elasticPolicy?.minReplicas == nil, let workers = spec.pytorchReplicaSpecs?[PyTorchReplicaType.worker]?.replicas {
                spec.elasticPolicy?.minReplicas = workers
                if spec.elasticPolicy?.maxReplicas == nil { spec.elasticPolicy?.maxReplicas = workers }
            }
        }
        if spec.nprocPerNode == nil, spec.elasticPolicy?.nProcPerNode == nil { spec.nprocPerNode = "auto" }
        spec.pytorchReplicaSpecs = spec.pytorchReplicaSpecs?.mapValues { replica in
            var replica = replica
            if replica.replicas == nil { replica.replicas = 1 }
            if replica.restartPolicy == nil { replica.restartPolicy = "OnFailure" }
            var template = replica.template ?? PodTemplateSpec()
            template.spec = template.spec.map(PyTorchJob.withDefaultPort)
            template.setDefaults()
            replica.template = template
            return replica
        }
    }

    /// The `pytorch` container with the `pytorchjob-port` port when it has none of that name.
    private static func withDefaultPort(_ spec: PodSpec) -> PodSpec {
        var spec = spec
        spec.containers = spec.containers?.map { container in
            guard container.name == containerName,
                !(container.ports ?? []).contains(where: { $0.name == defaultPortName })
            else { return container }
            var container = container
            container.ports = (container.ports ?? []) + [ContainerPort(name: defaultPortName, containerPort: defaultPort)]
            return container
        }
        return spec
    }
}
