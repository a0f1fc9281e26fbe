/// A Kueue ResourceFlavor (`kueue.x-k8s.io/v1beta1`): a kind of node (by labels and taints)
/// that quotas are counted in, e.g. `a100-spot`.
public struct ResourceFlavor: APIObject {
    public static let resource = APIResource(
        group: "kueue.x-k8s.io", version: "v1beta1", kind: "ResourceFlavor", plural: "resourceflavors",
        shortNames: ["flavor", "flavors", "rf"], namespaced: false)

    public var apiVersion = ResourceFlavor.resource.apiVersion
    public var kind = ResourceFlavor.resource.kind
    public var metadata: ObjectMeta
    public var spec: ResourceFlavorSpec

    public init(metadata: ObjectMeta, spec: ResourceFlavorSpec = ResourceFlavorSpec()) {
        self.metadata = metadata
        self.spec = spec
    }

    /// Kueue's CRD rules: at most 8 node labels with qualified keys, at most 8 taints.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        let labels = spec.nodeLabels ?? [:]
        if labels.count > 8 { errors.append(FieldError(.tooMany(count: labels.count, maximum: 8), path.child("nodeLabels"))) }
        errors += PodSpecRules.validateLabels(labels, at: path.child("nodeLabels"))
        let taints = spec.nodeTaints ?? []
        if taints.count > 8 { errors.append(FieldError(.tooMany(count: taints.count, maximum: 8), path.child("nodeTaints"))) }
        errors += Taint.validate(taints, at: path.child("nodeTaints"))
        errors += PodSpecRules.validateTolerations(spec.tolerations ?? [], at: path.child("tolerations"))
        return errors
    }

    public mutating func setDefaults() {}
}

/// Which nodes a flavor stands for.
public struct ResourceFlavorSpec: Codable, Hashable, Sendable {
    /// Labels the flavor's nodes carry; admitted pods get them as a node selector.
    public var nodeLabels: [String: String]?
    /// Taints the flavor's nodes carry; a workload must tolerate them to use the flavor.
    public var nodeTaints: [Taint]?
    /// Tolerations added to admitted pods.
    public var tolerations: [Toleration]?
    /// The Topology of the flavor's nodes, for topology-aware scheduling.
    public var topologyName: String?

    public init(nodeLabels: [String: String]? = nil, nodeTaints: [Taint]? = nil, tolerations: [Toleration]? = nil) {
        self.nodeLabels = nodeLabels
        self.nodeTaints = nodeTaints
        self.tolerations = tolerations
    }
}
