extension Fault {
    /// A fault names a node, zone or GPU, starts at one time at most (`at` or `after`), and
    /// lasts a positive duration if it says how long.
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        errors += FermiFieldRules.required(spec.target, at: path.child("target"))
        if let target = spec.target, !target.isEmpty, FaultTarget(target) == nil {
            errors.append(.invalid(path.child("target"), target, "must be node/NAME, zone/NAME or gpu/NODE/INDEX"))
        }
        if spec.at != nil, spec.after != nil {
            errors.append(.invalid(path.child("after"), spec.after ?? "", "at most one of at and after may be set"))
        }
        errors += FermiFieldRules.nonNegativeDuration(spec.after, at: path.child("after"))
        errors += FermiFieldRules.positiveDuration(spec.duration, at: path.child("duration"))
        if let phase = status?.phase {
            errors += FermiFieldRules.oneOf(phase, FaultPhase.all, at: FieldPath("status", "phase"))
        }
        return errors
    }
}
