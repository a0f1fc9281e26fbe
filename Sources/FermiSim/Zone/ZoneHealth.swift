import FermiAPI

/// A zone's health as the simulator applies it: an injected fault (`sim.fermi.dev/fault:
/// Down`) wins over the health the zone's spec declares.
public enum ZoneHealth {
    public static func of(_ zone: Zone?) -> String {
        guard let zone else { return "Healthy" }
        if let fault = zone.metadata.annotations?[SimNames.faultAnnotation], !fault.isEmpty { return fault }
        return zone.spec.health ?? "Healthy"
    }
}
