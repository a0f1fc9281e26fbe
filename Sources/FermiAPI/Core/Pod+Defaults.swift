extension Pod {
    /// Upstream's `SetDefaults_Pod`: the pod spec's defaults, service links on, and each
    /// container's requests taken from its limits where it gives only limits. A new pod is
    /// Pending until it is scheduled.
    public mutating func setDefaults() {
        spec.setDefaults()
        if spec.enableServiceLinks == nil { spec.enableServiceLinks = true }
        spec.containers = spec.containers?.map(Pod.requestsDefaultedFromLimits)
        spec.initContainers = spec.initContainers?.map(Pod.requestsDefaultedFromLimits)
        if status == nil { status = PodStatus(phase: PodPhase.pending) }
    }

    private static func requestsDefaultedFromLimits(_ container: Container) -> Container {
        guard let limits = container.resources?.limits, !limits.isEmpty else { return container }
        var container = container
        var requests = container.resources?.requests ?? [:]
        for (name, quantity) in limits where requests[name] == nil { requests[name] = quantity }
        container.resources?.requests = requests
        return container
    }
}
