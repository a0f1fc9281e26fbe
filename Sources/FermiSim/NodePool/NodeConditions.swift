import FermiAPI

/// Reading a node's health the way the scheduler and the node controller do.
public enum NodeConditions {
    /// Whether the node's Ready condition is True.
    public static func isReady(_ node: Node) -> Bool {
        node.status?.conditions?.first { $0.type == "Ready" }?.status == "True"
    }
}
