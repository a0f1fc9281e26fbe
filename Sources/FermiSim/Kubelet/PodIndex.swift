import FermiAPI
import FermiRuntime
import Synchronization

/// The pods bound to each node, kept from the pod informer's changes: what the kubelet and
/// the node controllers ask "which pods are on this node?" without scanning every pod.
public final class PodIndex: Sendable {
    private let byNode = Mutex<[String: Set<ObjectKey>]>([:])
    private let pods: Informer<Pod>

    public init(pods: Informer<Pod>) {
        self.pods = pods
        pods.onChange { [weak self] event in
            let key = ObjectKey(event.object)
            self?.byNode.withLock { index in
                if case .updated(let old, _) = event, let previous = old.spec.nodeName {
                    index[previous]?.remove(key)
                }
                guard let node = event.object.spec.nodeName else { return }
                if case .deleted = event {
                    index[node]?.remove(key)
                    if index[node]?.isEmpty == true { index[node] = nil }
                } else {
                    index[node, default: []].insert(key)
                }
            }
        }
    }

    /// The pods bound to `node`, ordered by key.
    public func pods(on node: String) -> [Pod] {
        let keys = byNode.withLock { $0[node] ?? [] }
        return keys.sorted().compactMap { pods.object($0) }
    }
}
