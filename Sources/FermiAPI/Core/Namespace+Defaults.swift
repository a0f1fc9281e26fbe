extension Namespace {
    /// The label every namespace carries with its own name, so selectors can match it.
    public static let metadataNameLabel = "kubernetes.io/metadata.name"

    /// Upstream's defaults: the `kubernetes.io/metadata.name` label, and phase Active.
    public mutating func setDefaults() {
        if let name = metadata.name, !name.isEmpty {
            metadata.labels = (metadata.labels ?? [:]).merging([Self.metadataNameLabel: name]) { $1 }
        }
        if (status?.phase ?? "").isEmpty {
            status = status ?? NamespaceStatus()
            status?.phase = NamespacePhase.active
        }
    }
}
