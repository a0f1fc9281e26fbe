import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Images on nodes: how long a pod's images take to come down (each at its catalogue size,
/// or 4Gi when the catalogue does not know it, twice as long in a degraded zone), and the
/// node's image cache (when it pulled each image, and `status.images` as a real kubelet
/// reports it): an image the node already holds is not pulled again, so its pods start
/// faster.
extension Kubelet {
    /// How long the pod's images take to pull on `node`: those it did not hold when the pod
    /// was taken (`since`, else now).
    func pullTime(_ pod: Pod, on node: Node, since accepted: Timestamp? = nil) -> Duration {
        let at = accepted ?? pod.status?.startTime ?? Timestamp(clock.now.date)
        let images = Set((pod.spec.containers ?? []).compactMap(\.image)).filter { !isCached($0, on: node, before: at) }
        var total: Duration = .zero
        for image in images { total += pullTime(of: image) }
        let zone = node.metadata.labels?[SimNames.zoneLabel].flatMap { zones.object(name: $0) }
        return zone?.appliedHealth == ZoneHealth.degraded ? total * 2 : total
    }

    func pullTime(of image: String) -> Duration {
        let size = catalogueSize(of: image) ?? Self.defaultImageSize
        return .seconds((size / Self.pullBytesPerSecond).rounded(.up))
    }

    /// The size the image catalogue gives `reference` (`repository:tag`), if it has the image.
    func catalogueSize(of reference: String) -> Double? {
        let (repository, tag) = Self.split(reference)
        let entry = images.images(repository: repository, tag: tag).first
        return entry?.spec.size.map { ($0.value as NSDecimalNumber).doubleValue }
    }

    /// Whether `node` held `image` before `time`. Strictly before: pods taken at the moment
    /// another finishes its pull pull too, whichever the kubelet's workers see first, so a
    /// seeded run plays the same every time.
    func isCached(_ image: String, on node: Node, before time: Timestamp) -> Bool {
        guard let pulled = NodeImageCache(node).pulls[Self.canonical(image)] else { return false }
        return pulled.secondsSince1970 < time.secondsSince1970
    }

    /// Adds the pod's images to its node's cache (the earliest pull of each is kept), and to
    /// the images the node reports in its status, as a real kubelet does.
    func recordImages(of pod: Pod, on node: Node, pulledAt time: Timestamp) async throws {
        func addingPulls(of references: [String]) -> (inout Node) -> Bool {
            { node in
                var cache = NodeImageCache(node)
                let news = references.filter { (cache.pulls[$0]?.secondsSince1970 ?? Int64.max) > time.secondsSince1970 }
                guard !news.isEmpty else { return false }
                for reference in news { cache.pulls[reference] = time }
                node.metadata.annotations = (node.metadata.annotations ?? [:]).merging([NodeImageCache.annotation: cache.text]) {
                    _, new in new
                }
                return true
            }
        }
        let pulled = Set((pod.spec.containers ?? []).compactMap(\.image)).map(Self.canonical)
        // The informer's copy first: once the node holds the pull, nothing is read or written.
        var cached = node
        guard addingPulls(of: pulled)(&cached) else { return }
        let references = pullsBeingRecorded.claim(pulled, on: node.name, at: time)
        guard !references.isEmpty else { return }
        defer { pullsBeingRecorded.release(references, on: node.name, at: time) }
        try await changeNode(node.name, status: false, addingPulls(of: references))
        try await changeNode(node.name, status: true) { node in
            var held = node.status?.images ?? []
            let news = references.sorted().filter { reference in !held.contains { ($0.names ?? []).contains(reference) } }
            guard !news.isEmpty else { return false }
            for reference in news {
                let size = catalogueSize(of: reference) ?? Self.defaultImageSize
                held.append(ContainerImage(names: [reference, "\(Self.split(reference).repository)@sha256:\(FNV1a.hash(reference))"], sizeBytes: Int64(size)))
            }
            node.status = node.status ?? NodeStatus()
            node.status?.images = held
            return true
        }
    }

    /// Applies `change` to the stored node (it returns false when there is nothing to change),
    /// through the status subresource or not. Pods starting together on one node race to
    /// record the same pull: the node is read afresh, and again when another got there first.
    private func changeNode(_ name: String, status: Bool, _ change: (inout Node) -> Bool) async throws {
        while true {
            var node = try await server.get(Node.self, name: name)
            guard change(&node) else { return }
            do {
                _ = try await status ? server.updateStatus(node) : server.update(node)
                return
            } catch APIError.conflict {
                continue
            }
        }
    }

    /// `repository:tag`, with `latest` when the reference names no tag.
    static func canonical(_ reference: String) -> String {
        let (repository, tag) = split(reference)
        return "\(repository):\(tag)"
    }

    static func split(_ reference: String) -> (repository: String, tag: String) {
        let withoutDigest = reference.split(separator: "@").first.map(String.init) ?? reference
        if let colon = withoutDigest.lastIndex(of: ":"), !withoutDigest[colon...].contains("/") {
            return (String(withoutDigest[..<colon]), String(withoutDigest[withoutDigest.index(after: colon)...]))
        }
        return (withoutDigest, "latest")
    }
}

/// When a node pulled each image it holds, kept in its `sim.fermi.dev/pulled-images`
/// annotation (`repository:tag=RFC3339,...`).
struct NodeImageCache {
    static let annotation = SimAnnotations.prefix + "pulled-images"

    var pulls: [String: Timestamp] = [:]

    init(_ node: Node) {
        for entry in (node.metadata.annotations?[Self.annotation] ?? "").split(separator: ",") {
            guard let equals = entry.lastIndex(of: "="), let time = Timestamp(parsing: String(entry[entry.index(after: equals)...])) else { continue }
            pulls[String(entry[..<equals])] = time
        }
    }

    /// The node's annotations other than its image cache: a pull recorded changes nothing a
    /// pool or a node's status follows.
    static func otherAnnotations(of node: Node) -> [String: String]? {
        node.metadata.annotations?.filter { $0.key != annotation }
    }

    var text: String {
        pulls.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
