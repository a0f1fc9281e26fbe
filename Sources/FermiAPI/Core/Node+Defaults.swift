extension Node {
    /// Upstream's default: a node's allocatable resources are its capacity until the kubelet
    /// reports otherwise.
    public mutating func setDefaults() {
        if let capacity = status?.capacity, status?.allocatable == nil {
            status?.allocatable = capacity
        }
    }
}
