import FermiAPI
import FermiRuntime

/// What the scheduler has done that its pod cache may not show yet, as kube-scheduler's cache
/// "assumes" a pod bound before it binds it: pods bound (and where) and pods evicted. A cycle
/// sees the cache with these applied, so it never places a pod twice or gives away a node a
/// preemption freed for someone else. An entry is made before its write (and forgotten if the
/// write fails), so the cache can never show the write before the entry exists; it goes when
/// the pod informer delivers the change that confirms it. Entries carry the pod's uid, so a
/// pod made anew under the same name is not mistaken for the old one.
struct AssumedPods: Sendable {
    private var bound: [ObjectKey: (uid: String, node: String)] = [:]
    private var evicted: [ObjectKey: String] = [:]

    var isEmpty: Bool { bound.isEmpty && evicted.isEmpty }

    mutating func assumeBound(_ pod: Pod, to node: String) {
        bound[ObjectKey(pod)] = (pod.metadata.uid ?? "", node)
    }

    mutating func assumeEvicted(_ pod: Pod) {
        evicted[ObjectKey(pod)] = pod.metadata.uid ?? ""
    }

    /// Drops what was assumed of `pod`: the write it stood for did not happen.
    mutating func forget(_ pod: Pod) {
        let key = ObjectKey(pod)
        bound[key] = nil
        evicted[key] = nil
    }

    /// Takes in a change the pod cache saw, from `old` to `new` (nil: not there): returns `old`
    /// as the scheduler knew it (see `applied(to:)`), and forgets what `new` now shows for
    /// itself — a binding once the pod has a node, an eviction once the pod is gone, either
    /// once the pod is gone or is another pod.
    mutating func confirm(old: Pod?, new: Pod?) -> Pod? {
        guard !isEmpty else { return old }
        let known = old.flatMap(applied(to:))
        guard let key = (new ?? old).map(ObjectKey.init) else { return known }
        if let entry = bound[key], new == nil || new?.metadata.uid != entry.uid || new?.spec.nodeName != nil {
            bound[key] = nil
        }
        if let uid = evicted[key], new == nil || new?.metadata.uid != uid { evicted[key] = nil }
        return known
    }

    /// `pod` as the scheduler knows it to be: nil once evicted, bound where it was bound.
    func applied(to pod: Pod) -> Pod? {
        // A bound pod can only have been evicted: most pods need no key made.
        guard !evicted.isEmpty || (pod.spec.nodeName == nil && !bound.isEmpty) else { return pod }
        let key = ObjectKey(pod)
        if let uid = evicted[key], uid == (pod.metadata.uid ?? "") { return nil }
        if let entry = bound[key], entry.uid == (pod.metadata.uid ?? ""), pod.spec.nodeName == nil {
            var assumed = pod
            assumed.spec.nodeName = entry.node
            return assumed
        }
        return pod
    }
}
