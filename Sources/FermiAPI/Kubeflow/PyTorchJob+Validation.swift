extension PyTorchJob {
    /// The training operator's webhook rules: a DNS-1035 name; Master and Worker replicas only,
    /// exactly one Master; every template with a container named `pytorch` and images set;
    /// counts not negative; known enums; elastic bounds in order; and each template's pod rules.
    public func validate() -> [FieldError] {
        var errors = validateMetadata(nameRule: NameRules.dns1035Label)
        let path = FieldPath("spec")
        if spec.elasticPolicy?.nProcPerNode != nil, spec.nprocPerNode != nil {
            errors.append(.forbidden(path.child("elasticPolicy").child("nProcPerNode"), "must not be used with spec.nprocPerNode"))
        }
        errors += TrainingJobRules.validate(spec.runPolicy, at: path.child("runPolicy"))
        errors += validateElasticPolicy(at: path.child("elasticPolicy"))
        let replicasPath = path.child("pytorchReplicaSpecs")
        guard let replicas = spec.pytorchReplicaSpecs, !replicas.isEmpty else {
            return errors + [.required(replicasPath, "must be required")]
        }
        for (type, replica) in replicas.sorted(by: { $0.key < $1.key }) {
            guard PyTorchReplicaType.all.contains(type) else {
                errors.append(.notSupported(replicasPath, type, PyTorchReplicaType.all))
                continue
            }
            let replicaPath = replicasPath.child(type)
            errors += TrainingJobRules.validate(replica, type: type, container: Self.containerName, at: replicaPath)
            if type == PyTorchReplicaType.master, let count = replica.replicas, count != 1 {
                errors.append(.forbidden(replicaPath.child("replicas"), "must be 1"))
            }
        }
        return errors
    }

    private func validateElasticPolicy(at path: FieldPath) -> [FieldError] {
        guard let elastic = spec.elasticPolicy else { return [] }
        var errors: [FieldError] = []
        if let minimum = elastic.minReplicas {
            errors += PodSpecRules.nonNegative(minimum, at: path.child("minReplicas"))
            if let maximum = elastic.maxReplicas, minimum > maximum {
                errors.append(.invalid(path.child("minReplicas"), minimum, "must be less than or equal to maxReplicas"))
            }
        }
        if let backend = elastic.rdzvBackend, !TrainingEnums.rdzvBackends.contains(backend) {
            errors.append(.notSupported(path.child("rdzvBackend"), backend, TrainingEnums.rdzvBackends))
        }
        if let port = elastic.rdzvPort, !(1...65535).contains(port) {
            errors.append(.invalid(path.child("rdzvPort"), port, "must be between 1 and 65535, inclusive"))
        }
        if let restarts = elastic.maxRestarts { errors += PodSpecRules.nonNegative(restarts, at: path.child("maxRestarts")) }
        if spec.pytorchReplicaSpecs?[PyTorchReplicaType.master] != nil, spec.elasticPolicy != nil,
            (spec.pytorchReplicaSpecs?[PyTorchReplicaType.worker]) == nil
        {
            errors.append(.required(FieldPath("spec", "pytorchReplicaSpecs", PyTorchReplicaType.worker), "elastic training needs Worker replicas"))
        }
        return errors
    }
}

/// The training operator's rules shared by its job kinds: the run policy and each replica.
public enum TrainingJobRules {
    /// Clean-up policy known, times and retries not negative, a gang no smaller than 0.
    public static func validate(_ policy: RunPolicy?, at path: FieldPath) -> [FieldError] {
        guard let policy else { return [] }
        var errors: [FieldError] = []
        if let clean = policy.cleanPodPolicy, !TrainingEnums.cleanPodPolicies.contains(clean) {
            errors.append(.notSupported(path.child("cleanPodPolicy"), clean, TrainingEnums.cleanPodPolicies))
        }
        if let ttl = policy.ttlSecondsAfterFinished { errors += PodSpecRules.nonNegative(ttl, at: path.child("ttlSecondsAfterFinished")) }
        if let deadline = policy.activeDeadlineSeconds { errors += PodSpecRules.nonNegative(deadline, at: path.child("activeDeadlineSeconds")) }
        if let backoff = policy.backoffLimit { errors += PodSpecRules.nonNegative(backoff, at: path.child("backoffLimit")) }
        if let scheduling = policy.schedulingPolicy {
            let schedulingPath = path.child("schedulingPolicy")
            if let minimum = scheduling.minAvailable { errors += PodSpecRules.nonNegative(minimum, at: schedulingPath.child("minAvailable")) }
            if let timeout = scheduling.scheduleTimeoutSeconds {
                errors += PodSpecRules.nonNegative(timeout, at: schedulingPath.child("scheduleTimeoutSeconds"))
            }
            if let minResources = scheduling.minResources {
                errors += ResourceRules.nonNegative(minResources, at: schedulingPath.child("minResources"))
            }
        }
        return errors
    }

    /// One replica type: replicas not negative, a known restart policy, a template with
    /// containers, images, and one named `container` — and the template's pod rules.
    public static func validate(_ replica: ReplicaSpec, type: String, container: String, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if let count = replica.replicas { errors += PodSpecRules.nonNegative(count, at: path.child("replicas")) }
        if let policy = replica.restartPolicy, !TrainingEnums.restartPolicies.contains(policy) {
            errors.append(.notSupported(path.child("restartPolicy"), policy, TrainingEnums.restartPolicies))
        }
        let specPath = path.child("template").child("spec")
        let containers = replica.template?.spec?.containers ?? []
        if containers.isEmpty {
            return errors + [.required(specPath.child("containers"), "must be specified")]
        }
        for (index, item) in containers.enumerated() where (item.image ?? "").isEmpty {
            errors.append(.required(specPath.child("containers").index(index).child("image"), "must be required"))
        }
        if !containers.contains(where: { $0.name == container }) {
            errors.append(.required(specPath.child("containers"), "There is no container named \(container) in \(type)"))
        }
        if let podSpec = replica.template?.spec {
            errors += PodSpecRules.validate(podSpec, at: specPath).filter { error in
                // An empty image is reported above in the operator's own words.
                !(error.kind == .required && error.field.description.hasSuffix(".image"))
            }
        }
        return errors
    }
}
