import FermiAPI

/// The GPUs of a node marked failed, and since when: the node annotation
/// `sim.fermi.dev/failed-gpus`, written as `INDEX@UNIX-SECONDS` pairs (`3@1767225600,5@...`).
public struct FailedGPUs: Sendable, Equatable {
    /// Failed GPU indices and when each failed.
    public var since: [Int: Timestamp]

    public init(since: [Int: Timestamp] = [:]) {
        self.since = since
    }

    /// The failed GPUs `node` carries.
    public init(of node: Node) {
        var since: [Int: Timestamp] = [:]
        for entry in (node.metadata.annotations?[SimNames.failedGPUsAnnotation] ?? "").split(separator: ",") {
            let parts = entry.split(separator: "@")
            guard let index = parts.first.flatMap({ Int($0) }) else { continue }
            let seconds = parts.count > 1 ? Int64(parts[1]) ?? 0 : 0
            since[index] = Timestamp(secondsSince1970: seconds)
        }
        self.since = since
    }

    /// The annotation's value; nil when no GPU has failed.
    public var annotation: String? {
        guard !since.isEmpty else { return nil }
        return since.keys.sorted().map { "\($0)@\(since[$0]!.secondsSince1970)" }.joined(separator: ",")
    }

    public var count: Int { since.count }
}
