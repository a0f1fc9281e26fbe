import FermiAPI
import FermiRuntime

/// What the scheduler has done that its pod cache may not show yet, as kube-scheduler's cache
/// "assumes" a pod bound from the moment it binds it: pods bound (and where) and pods evicted.
/// A cycle sees the cache with these applied, so it never places a pod twice or gives away a
/// node a preemption freed for someone else; each entry goes once the cache agrees. Entries
/// carry the pod's uid, so a pod made anew under the same name is not mistaken for the old one.
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

    /// Forgets what the cache (`cached` looks a pod up in it) now shows for itself.
    mutating func prune(_ cached: (ObjectKey) -> Pod?) {
        bound = bound.filter { key, entry in
            guard let pod = cached(key), pod.metadata.uid == entry.uid else { return false }
            return pod.spec.nodeName == nil
        }
        evicted = evicted.filter { key, uid in cached(key)?.metadata.uid == uid }
    }

    /// `pod` as the scheduler knows it to be: nil once evicted, bound where it was bound.
    func applied(to pod: Pod) -> Pod? {
        guard !isEmpty else { return pod }
        let key = ObjectKey(pod)
        if let uid = evicted[key], uid == pod.metadata.uid { return nil }
        if let entry = bound[key], entry.uid == pod.metadata.uid, pod.spec.nodeName == nil {
            var assumed = pod
            assumed.spec.nodeName = entry.node
            return assumed
        }
        return pod
    }
}
