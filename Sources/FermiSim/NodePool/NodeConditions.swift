import FermiAPI

/// Reading a node's health the way the scheduler and the node controller do.
public enum NodeConditions {
    /// Whether the node's Ready condition is True.
    public static func isReady(_ node: Node) -> Bool {
        node.isReady
    }

    /// Whether the node has reported itself and is not Ready: lost, as opposed to not yet
    /// registered (no Ready condition at all).
    public static func isLost(_ node: Node) -> Bool {
        guard let ready = node.status?.conditions?.first(where: { $0.type == "Ready" }) else { return false }
        return ready.status != "True"
    }
}
