import FermiAPI
import FermiRuntime

/// The informer indexes the simulator reads by: pods by the node they are bound to, nodes by
/// pool and by zone. Each controller asks for the ones it uses; asking twice is harmless.
extension Informer where T == Pod {
    static var nodeIndex: String { "spec.nodeName" }

    /// Indexes pods by `spec.nodeName`.
    public func indexByNode() {
        addIndex(Self.nodeIndex) { pod in pod.spec.nodeName.map { [$0] } ?? [] }
    }

    /// The pods bound to `node`, ordered by key (needs `indexByNode`).
    public func pods(on node: String) -> [Pod] {
        objects(index: Self.nodeIndex, value: node)
    }
}

extension Informer where T == Node {
    static var poolIndex: String { SimNames.nodePoolLabel }
    static var zoneIndex: String { SimNames.zoneLabel }

    /// Indexes nodes by their pool and zone labels.
    public func indexByPoolAndZone() {
        addIndex(Self.poolIndex) { node in node.metadata.labels?[SimNames.nodePoolLabel].map { [$0] } ?? [] }
        addIndex(Self.zoneIndex) { node in node.metadata.labels?[SimNames.zoneLabel].map { [$0] } ?? [] }
    }

    /// The nodes of `pool`, ordered by name (needs `indexByPoolAndZone`).
    public func nodes(inPool pool: String) -> [Node] {
        objects(index: Self.poolIndex, value: pool)
    }

    /// The nodes in `zone`, ordered by name (needs `indexByPoolAndZone`).
    public func nodes(inZone zone: String) -> [Node] {
        objects(index: Self.zoneIndex, value: zone)
    }
}

extension Informer where T == Image {
    static var referenceIndex: String { "spec.repository:spec.tag" }

    /// Indexes images by `repository:tag` (`latest` when the tag is not given).
    public func indexByReference() {
        addIndex(Self.referenceIndex) { image in
            image.spec.repository.map { ["\($0):\(image.spec.tag ?? "latest")"] } ?? []
        }
    }

    /// The images of `repository` at `tag`, ordered by name (needs `indexByReference`).
    public func images(repository: String, tag: String) -> [Image] {
        objects(index: Self.referenceIndex, value: "\(repository):\(tag)")
    }
}
