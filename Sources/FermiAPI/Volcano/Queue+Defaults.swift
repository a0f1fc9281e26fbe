extension Queue {
    /// Volcano's defaults: weight 1, reclaimable, and a new queue is Open.
    public mutating func setDefaults() {
        if spec.weight == nil { spec.weight = 1 }
        if spec.reclaimable == nil { spec.reclaimable = true }
    }
}
