import FermiAPI
import FermiRuntime

/// Pods that read a Fluid dataset: one that mounts the dataset's claim on a node holding its
/// cache reads the cached share five times faster, so the part of its run spent reading
/// (`sim.fermi.dev/io-fraction`, half by default) shrinks by that much.
extension Kubelet {
    /// How much faster reads from a local cache are than from the remote store.
    static let cachedReadSpeedup = 5.0

    /// The share of its run length `pod` takes on `node`; nil when it reads no dataset cached
    /// there.
    func readSpeedup(of pod: Pod, on node: Node) -> Double? {
        let claims = (pod.spec.volumes ?? []).compactMap { $0.persistentVolumeClaim?.claimName }
        var best: Double?
        for claim in claims {
            guard var dataset = datasets.object(namespace: pod.namespace, name: claim) else { continue }
            // A dataset that shares another's cache reads from where that one is cached.
            if let source = dataset.sharedSource {
                guard let shared = datasets.object(namespace: source.namespace, name: source.name) else { continue }
                dataset = shared
            }
            guard node.metadata.labels?[FluidNames.cacheNodeLabel(namespace: dataset.namespace, name: dataset.name)] == "true" else { continue }
            let cached = (dataset.status?.cacheStates?["cachedPercentage"]).flatMap { Double($0.dropLast()) } ?? 0
            let io = pod.metadata.annotations?[FluidNames.ioFractionAnnotation].flatMap(Double.init) ?? 0.5
            let share = 1 - io * (cached / 100) * (1 - 1 / Self.cachedReadSpeedup)
            if share < 1 { best = min(best ?? 1, share) }
        }
        return best
    }
}
