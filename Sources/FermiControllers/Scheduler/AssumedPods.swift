import FermiAPI

/// What the scheduler has done that its pod cache may not show yet, as kube-scheduler's cache
/// "assumes" a pod bound from the moment it binds it: pods bound (and where) and pods evicted.
/// A cycle sees the cache with these applied, so it never places a pod twice or gives away a
/// node a preemption freed for someone else; each entry goes once the cache agrees. Entries
/// are kept by uid, so a pod made anew under the same name is not mistaken for the old one.
struct AssumedPods: Sendable {
    private var bound: [String: String] = [:]
    private var evicted: Set<String> = []

    mutating func assumeBound(_ pod: Pod, to node: String) {
        if let uid = pod.metadata.uid { bound[uid] = node }
    }

    mutating func assumeEvicted(_ pod: Pod) {
        if let uid = pod.metadata.uid { evicted.insert(uid) }
    }

    /// The cache's pods with what is assumed applied; entries the cache has caught up with
    /// are dropped.
    mutating func applied(to cached: [Pod]) -> [Pod] {
        guard !bound.isEmpty || !evicted.isEmpty else { return cached }
        var seen = Set<String>()
        var pods: [Pod] = []
        pods.reserveCapacity(cached.count)
        for pod in cached {
            let uid = pod.metadata.uid ?? ""
            seen.insert(uid)
            if evicted.contains(uid) { continue }
            if let node = bound[uid] {
                if pod.spec.nodeName == nil {
                    var assumed = pod
                    assumed.spec.nodeName = node
                    pods.append(assumed)
                    continue
                }
                bound[uid] = nil
            }
            pods.append(pod)
        }
        evicted.formIntersection(seen)
        bound = bound.filter { seen.contains($0.key) }
        return pods
    }
}
