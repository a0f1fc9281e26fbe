import FermiAPI
import FermiRuntime

/// The pod and the home volume claim an Instance runs as: its image, command, env and ports
/// in one container `workspace`, its GPUs, cores and memory as requests and limits (on the
/// GPU product it names, tolerating the GPU nodes' taint), its claim mounted at `/home/jovyan`,
/// running until stopped.
enum InstancePod {
    static let instanceLabel = "fermi.dev/instance"
    static let containerName = "workspace"

    static func claimName(of instance: Instance) -> String {
        "\(instance.name)-home"
    }

    static func owner(_ instance: Instance) -> OwnerReference {
        OwnerReference(
            apiVersion: Instance.resource.apiVersion, kind: Instance.resource.kind, name: instance.name,
            uid: instance.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
    }

    /// The claim that keeps the instance's files while it is stopped.
    static func claim(of instance: Instance) -> PersistentVolumeClaim {
        var metadata = ObjectMeta(name: claimName(of: instance), namespace: instance.namespace)
        metadata.labels = [instanceLabel: instance.name]
        metadata.ownerReferences = [owner(instance)]
        var spec = PersistentVolumeClaimSpec()
        spec.accessModes = ["ReadWriteOnce"]
        spec.resources = VolumeResourceRequirements(requests: ["storage": instance.spec.resources?.storage ?? InstanceLimits.storage.lowerBound])
        return PersistentVolumeClaim(metadata: metadata, spec: spec)
    }

    static func pod(of instance: Instance) -> Pod {
        let resources = instance.spec.resources ?? InstanceResources()
        var limits: ResourceList = [
            "cpu": resources.cpu ?? InstanceLimits.cpu.lowerBound, "memory": resources.memory ?? InstanceLimits.memory.lowerBound,
        ]
        let gpus = resources.gpu ?? 0
        if gpus > 0 { limits[AcceleratorResources.nvidiaGPU] = Quantity(integer: Int64(gpus)) }
        var container = Container()
        container.name = containerName
        container.image = instance.spec.image
        container.command = instance.spec.command
        container.args = instance.spec.args
        container.env = instance.spec.env?.map { EnvVar(name: $0.name, value: $0.value) }
        container.ports = instance.spec.ports?.map { port in
            var containerPort = ContainerPort(containerPort: port.port ?? 0)
            containerPort.name = port.name
            containerPort.protocol = port.protocol
            return containerPort
        }
        container.resources = ResourceRequirements(limits: limits, requests: limits)
        container.volumeMounts = [VolumeMount(name: "home", mountPath: "/home/jovyan")]
        var spec = PodSpec(containers: [container], restartPolicy: instance.spec.restartPolicy ?? InstanceRestartPolicy.always)
        spec.volumes = [Volume(name: "home", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: claimName(of: instance)))]
        var selector = instance.spec.nodeSelector ?? [:]
        if gpus > 0 {
            if let product = resources.gpuProduct { selector[WellKnownLabels.gpuProduct] = product }
            spec.tolerations = [Toleration(key: AcceleratorResources.nvidiaGPU, operator: "Exists", effect: "NoSchedule")]
        }
        spec.nodeSelector = selector.isEmpty ? nil : selector
        var metadata = ObjectMeta(name: instance.name, namespace: instance.namespace)
        metadata.labels = [instanceLabel: instance.name, "fermi.dev/instance-type": instance.spec.type ?? InstanceType.custom]
        // An instance runs until stopped; its logs are those of the server it is.
        metadata.annotations = SimAnnotations.of(instance.metadata).merging([SimAnnotations.duration: "forever"]) { own, _ in own }
        metadata.ownerReferences = [owner(instance)]
        return Pod(metadata: metadata, spec: spec)
    }

    /// How to reach a running instance: Jupyter, the web terminal, SSH through a node port,
    /// and each exposed port at the pod's address.
    static func endpoints(of instance: Instance, pod: Pod) -> InstanceEndpoints {
        let ports = instance.spec.ports ?? []
        let base = "\(instance.namespace)/\(instance.name)"
        let token = String(FNV1a.hash(instance.metadata.uid ?? instance.name).prefix(12))
        let podIP = pod.status?.podIP ?? ""
        let hostIP = pod.status?.hostIP ?? ""
        let jupyter = ports.contains { $0.name == "jupyter" || $0.port == 8888 }
            ? "https://jupyter.fermi.local/\(base)/lab?token=\(token)" : nil
        let ssh = ports.contains { $0.name == "ssh" || $0.port == 22 }
            ? "root@\(hostIP):\(30000 + Int(FNV1a.value(base) % 2768))" : nil
        return InstanceEndpoints(
            jupyter: jupyter, ssh: ssh, webTerminal: "https://terminal.fermi.local/\(base)/",
            ports: ports.map { port in
                // SSH is reached at an address, the rest over HTTP.
                let address = "\(podIP):\(port.port ?? 0)"
                return InstancePortEndpoint(name: port.name, port: port.port, url: port.name == "ssh" || port.port == 22 ? address : "http://" + address)
            })
    }
}
