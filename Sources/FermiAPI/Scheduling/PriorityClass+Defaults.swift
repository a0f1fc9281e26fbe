extension PriorityClass {
    /// Upstream's default: a class preempts lower priorities unless it says Never.
    public mutating func setDefaults() {
        if preemptionPolicy == nil { preemptionPolicy = PreemptionPolicy.preemptLowerPriority }
    }
}
