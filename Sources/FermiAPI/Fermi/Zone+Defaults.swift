extension Zone {
    /// A zone is Healthy unless it says otherwise.
    public mutating func setDefaults() {
        if spec.health == nil { spec.health = ZoneHealth.healthy }
    }
}
