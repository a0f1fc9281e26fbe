
extension Pod {
    /// Whether the pod has ended (Succeeded or Failed): it holds its node's resources no more.
    public var hasEnded: Bool {
        status?.phase == PodPhase.succeeded || status?.phase == PodPhase.failed
    }

    /// Whether the pod holds its node's resources: bound and not ended.
    public var holdsNodeResources: Bool {
        spec.nodeName != nil && !hasEnded
    }
}
