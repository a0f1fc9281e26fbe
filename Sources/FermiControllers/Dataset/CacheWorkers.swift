import FermiAPI
import Foundation

/// The cache workers of a dataset's AlluxioRuntime, as Fluid places them: one to a node
/// (a node that holds the dataset's cache takes no second worker), on nodes the dataset's
/// node affinity allows, never on a node another dataset holds exclusively, and for an
/// Exclusive dataset only on nodes no other dataset caches on. Each worker asks for the
/// memory of the runtime's MEM tier.
enum CacheWorkers {
    /// The tiers' total size per worker.
    static func quota(of runtime: AlluxioRuntime) -> Decimal {
        (runtime.spec.tieredstore?.levels ?? []).reduce(0) { $0 + ($1.quota?.value ?? 0) }
    }

    /// The share of the cache filled before eviction begins (the lowest tier's `high`).
    static func highWatermark(of runtime: AlluxioRuntime) -> Decimal {
        (runtime.spec.tieredstore?.levels ?? []).compactMap { $0.high.flatMap { Decimal(string: $0) } }.min() ?? Decimal(string: "0.95")!
    }

    /// How many workers the runtime asks for.
    static func replicas(of runtime: AlluxioRuntime) -> Int {
        Int(runtime.spec.replicas ?? runtime.spec.worker?.replicas ?? 1)
    }

    /// Worker `index` of the runtime caching `dataset`.
    static func pod(_ index: Int, of runtime: AlluxioRuntime, dataset: Dataset) -> Pod {
        let id = "\(dataset.namespace)-\(dataset.name)"
        var metadata = ObjectMeta(name: "\(runtime.name)-worker-\(index)", namespace: runtime.namespace)
        metadata.labels = [FluidNames.datasetLabel: id, "role": "alluxio-worker", "release": runtime.name]
        metadata.annotations = [SimAnnotations.duration: "forever"]
        metadata.ownerReferences = [
            OwnerReference(
                apiVersion: AlluxioRuntime.resource.apiVersion, kind: AlluxioRuntime.resource.kind, name: runtime.name,
                uid: runtime.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
        ]
        var container = Container()
        container.name = "alluxio-worker"
        container.image = "\(runtime.spec.alluxioVersion?.image ?? "alluxio/alluxio"):\(runtime.spec.alluxioVersion?.imageTag ?? "2.9.0")"
        let memory = (runtime.spec.tieredstore?.levels ?? []).filter { ($0.mediumtype ?? "MEM") == "MEM" }.reduce(Decimal(0)) {
            $0 + ($1.quota?.value ?? 0)
        }
        var requests: ResourceList = ["cpu": "1"]
        if memory > 0 { requests["memory"] = Quantity(stringLiteral: "\(memory)") }
        container.resources = runtime.spec.worker?.resources ?? ResourceRequirements(requests: requests)
        var spec = PodSpec(containers: [container], restartPolicy: "Always")
        spec.tolerations = dataset.spec.tolerations
        spec.nodeSelector = runtime.spec.worker?.nodeSelector
        spec.affinity = Affinity(
            nodeAffinity: NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: terms(for: dataset))))
        return Pod(metadata: metadata, spec: spec)
    }

    /// Where a worker may go: the dataset's own required terms, each with Fluid's rules added.
    static func terms(for dataset: Dataset) -> [NodeSelectorTerm] {
        var rules = [
            NodeSelectorRequirement(key: FluidNames.cacheNodeLabel(namespace: dataset.namespace, name: dataset.name), operator: "DoesNotExist"),
            NodeSelectorRequirement(key: FluidNames.exclusiveLabel, operator: "DoesNotExist"),
        ]
        if dataset.spec.placement == "Exclusive" {
            rules.append(NodeSelectorRequirement(key: FluidNames.datasetCountLabel, operator: "DoesNotExist"))
        }
        let own = dataset.spec.nodeAffinity?.required?.nodeSelectorTerms ?? []
        guard !own.isEmpty else { return [NodeSelectorTerm(matchExpressions: rules)] }
        return own.map { NodeSelectorTerm(matchExpressions: ($0.matchExpressions ?? []) + rules, matchFields: $0.matchFields) }
    }
}
