extension Node {
    /// Whether the node's Ready condition is True: it takes pods.
    public var isReady: Bool {
        status?.conditions?.first { $0.type == "Ready" }?.status == "True"
    }
}
