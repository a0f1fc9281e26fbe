extension Zone {
    /// A zone names its region, has a known health, latencies that are durations of zero or
    /// more, and at most one latency to each other zone (and none to itself).
    public func validate() -> [FieldError] {
        var errors = validateMetadata()
        let path = FieldPath("spec")
        errors += FermiFieldRules.required(spec.region, at: path.child("region"))
        if let region = spec.region, !region.isEmpty {
            errors += NameRules.labelValue(region).map { .invalid(path.child("region"), region, $0) }
        }
        errors += FermiFieldRules.oneOf(spec.health, ZoneHealth.all, at: path.child("health"))
        errors += FermiFieldRules.nonNegativeDuration(spec.latency, at: path.child("latency"))
        var seen = Set<String>()
        for (index, peer) in (spec.peers ?? []).enumerated() {
            let peerPath = path.child("peers").index(index)
            errors += FermiFieldRules.required(peer.zone, at: peerPath.child("zone"))
            errors += FermiFieldRules.required(peer.latency, at: peerPath.child("latency"))
            errors += FermiFieldRules.nonNegativeDuration(peer.latency, at: peerPath.child("latency"))
            guard let zone = peer.zone, !zone.isEmpty else { continue }
            if zone == metadata.name {
                errors.append(.invalid(peerPath.child("zone"), zone, "a zone's peers are the other zones"))
            } else if !seen.insert(zone).inserted {
                errors.append(.duplicate(peerPath.child("zone"), zone))
            }
        }
        if let health = status?.health {
            errors += FermiFieldRules.oneOf(health, ZoneHealth.all, at: FieldPath("status", "health"))
        }
        return errors
    }
}
