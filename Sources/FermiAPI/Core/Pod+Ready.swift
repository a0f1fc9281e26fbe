extension Pod {
    /// Whether the pod is Running with its Ready condition True and not on its way out: what
    /// a load balancer sends requests to and a ReplicaSet counts as ready.
    public var isReady: Bool {
        metadata.deletionTimestamp == nil && status?.phase == PodPhase.running && condition("Ready")?.status == "True"
    }

    /// The pod's condition of `type`, if it has one.
    public func condition(_ type: String) -> PodCondition? {
        status?.conditions?.first { $0.type == type }
    }
}
