/// A batch/v1 Job to make: what a sweep's trials and a schedule's runs are made from.
public struct JobTemplate: Codable, Hashable, Sendable {
    /// Labels and annotations every job made carries (a Kueue queue label queues them).
    public var metadata: ObjectMeta?
    public var spec: JobSpec?

    public init(metadata: ObjectMeta? = nil, spec: JobSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}
