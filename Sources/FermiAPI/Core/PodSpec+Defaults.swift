extension PodTemplateSpec {
    /// The pod spec's defaults, as upstream defaults a template (`SetDefaults_PodTemplateSpec`).
    public mutating func setDefaults() {
        var spec = self.spec ?? PodSpec()
        spec.setDefaults()
        self.spec = spec
    }
}

extension PodSpec {
    /// Upstream's `SetDefaults_PodSpec`: restart policy Always, DNS policy ClusterFirst, the
    /// default scheduler, 30 s to stop, an empty security context, and each container's and
    /// volume's defaults.
    public mutating func setDefaults() {
        if (restartPolicy ?? "").isEmpty { restartPolicy = PodRestartPolicy.always }
        if (dnsPolicy ?? "").isEmpty { dnsPolicy = DNSPolicy.clusterFirst }
        if (schedulerName ?? "").isEmpty { schedulerName = PodSpec.defaultSchedulerName }
        if terminationGracePeriodSeconds == nil {
            terminationGracePeriodSeconds = PodSpec.defaultTerminationGracePeriodSeconds
        }
        if securityContext == nil { securityContext = PodSecurityContext() }
        if hostNetwork == true {
            containers = containers?.map { $0.withHostPortsFromContainerPorts() }
            initContainers = initContainers?.map { $0.withHostPortsFromContainerPorts() }
        }
        containers = containers?.map { var container = $0; container.setDefaults(); return container }
        initContainers = initContainers?.map { var container = $0; container.setDefaults(); return container }
        volumes = volumes?.map { var volume = $0; volume.setDefaults(); return volume }
    }
}

extension Container {
    /// Upstream's container defaults: the image pull policy from the tag (Always for `:latest`
    /// or no tag, else IfNotPresent), the termination message path and policy, TCP ports, and
    /// the probes' and lifecycle hooks' defaults.
    public mutating func setDefaults() {
        if (imagePullPolicy ?? "").isEmpty { imagePullPolicy = Container.defaultPullPolicy(forImage: image ?? "") }
        if (terminationMessagePath ?? "").isEmpty { terminationMessagePath = Container.defaultTerminationMessagePath }
        if (terminationMessagePolicy ?? "").isEmpty { terminationMessagePolicy = TerminationMessagePolicy.file }
        ports = ports?.map { port in
            var port = port
            if (port.protocol ?? "").isEmpty { port.protocol = ServiceProtocol.tcp }
            return port
        }
        livenessProbe?.setDefaults()
        readinessProbe?.setDefaults()
        startupProbe?.setDefaults()
        lifecycle?.setDefaults()
        env = env?.map { variable in
            var variable = variable
            if variable.valueFrom?.fieldRef != nil, (variable.valueFrom?.fieldRef?.apiVersion ?? "").isEmpty {
                variable.valueFrom?.fieldRef?.apiVersion = "v1"
            }
            return variable
        }
    }

    /// Always for an image without a tag or tagged `latest` (a digest counts as a tag),
    /// IfNotPresent otherwise.
    public static func defaultPullPolicy(forImage image: String) -> String {
        if image.utf8.contains(UInt8(ascii: "@")) { return PullPolicy.ifNotPresent }
        // The tag is after the last colon of the last path component (a registry's port is not a tag).
        let bytes = image.utf8
        let lastComponent = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes[bytes.index(after: $0)...] } ?? bytes[...]
        guard let colon = lastComponent.lastIndex(of: UInt8(ascii: ":")) else { return PullPolicy.always }
        return lastComponent[lastComponent.index(after: colon)...].elementsEqual("latest".utf8) ? PullPolicy.always : PullPolicy.ifNotPresent
    }

    /// With hostNetwork, a container port with no host port gets its container port.
    fileprivate func withHostPortsFromContainerPorts() -> Container {
        var container = self
        container.ports = ports?.map { port in
            var port = port
            if (port.hostPort ?? 0) == 0 { port.hostPort = port.containerPort }
            return port
        }
        return container
    }
}

extension Volume {
    /// Upstream's volume defaults: file mode 0644 for secret, configMap, downwardAPI and
    /// projected volumes, and an empty hostPath type.
    public mutating func setDefaults() {
        if secret != nil, secret?.defaultMode == nil { secret?.defaultMode = Volume.defaultMode }
        if configMap != nil, configMap?.defaultMode == nil { configMap?.defaultMode = Volume.defaultMode }
        if downwardAPI != nil, downwardAPI?.defaultMode == nil { downwardAPI?.defaultMode = Volume.defaultMode }
        if projected != nil, projected?.defaultMode == nil { projected?.defaultMode = Volume.defaultMode }
        if hostPath != nil, hostPath?.type == nil { hostPath?.type = "" }
    }
}
