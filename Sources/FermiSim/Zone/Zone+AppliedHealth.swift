import FermiAPI

extension Zone {
    /// The health the simulator applies: an injected fault (`sim.fermi.dev/fault: Down`) wins
    /// over the health the zone's spec declares.
    public var appliedHealth: String {
        if let fault = metadata.annotations?[SimNames.faultAnnotation], !fault.isEmpty { return fault }
        return spec.health ?? ZoneHealth.healthy
    }
}
