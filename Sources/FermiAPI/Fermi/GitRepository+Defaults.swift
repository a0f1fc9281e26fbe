extension GitRepository {
    /// A repository is fetched every minute unless it says otherwise.
    public mutating func setDefaults() {
        if spec.interval == nil { spec.interval = "1m" }
    }
}
