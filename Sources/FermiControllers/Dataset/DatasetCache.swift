import FermiAPI
import FermiRuntime

/// Where the cache of the datasets a pod reads is, as Fluid's webhook tells the scheduler:
/// a pod that mounts a dataset's claim prefers the nodes labelled as holding its cache (a
/// dataset that shares another's, that one's).
public enum DatasetCache {
    /// The node-affinity term for the cache of the first dataset `pod` reads; nil when it
    /// reads none.
    public static func preference(of pod: Pod, datasets: Informer<Dataset>) -> NodeSelectorTerm? {
        for claim in (pod.spec.volumes ?? []).compactMap({ $0.persistentVolumeClaim?.claimName }) {
            guard let dataset = datasets.object(namespace: pod.namespace, name: claim) else { continue }
            let source = AlluxioRuntimeController.reference(of: dataset) ?? ObjectKey(dataset)
            let label = FluidNames.cacheNodeLabel(namespace: source.namespace, name: source.name)
            return NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: label, operator: "Exists")])
        }
        return nil
    }
}
