extension Queue {
    /// Volcano's admission rules for queues: a positive weight, a known state, and
    /// guarantee ≤ deserved ≤ capability for every resource named in both.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let spec = FieldPath("spec")
        if let weight = self.spec.weight, weight <= 0 {
            errors.append(.invalid(spec.child("weight"), weight, "queue weight must be a positive integer"))
        }
        if let state = status?.state, !QueueState.all.contains(state) {
            errors.append(.notSupported(FieldPath("status", "state"), state, QueueState.all))
        }
        let guarantee = self.spec.guarantee?.resource ?? [:]
        let capability = self.spec.capability ?? [:]
        let deserved = self.spec.deserved ?? [:]
        errors += ResourceRules.notAbove(
            guarantee, capability, at: spec.child("guarantee").child("resource"),
            "must be less than or equal to spec.capability")
        errors += ResourceRules.notAbove(
            deserved, capability, at: spec.child("deserved"),
            "must be less than or equal to spec.capability")
        errors += ResourceRules.notAbove(
            guarantee, deserved, at: spec.child("guarantee").child("resource"),
            "must be less than or equal to spec.deserved")
        for (name, list) in [("capability", capability), ("deserved", deserved)] {
            errors += ResourceRules.nonNegative(list, at: spec.child(name))
        }
        errors += ResourceRules.nonNegative(guarantee, at: spec.child("guarantee").child("resource"))
        return errors
    }
}
