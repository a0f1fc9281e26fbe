import Foundation

/// How a workload tells the scheduler where its pods go, in annotations on its PodGroup (or on
/// the job or service that makes one):
///
/// - `placement.fermi.dev/zones: "cn-beijing-1=4,cn-beijing-2=4"` spreads the pods over the
///   named zones, so many in each; a named zone that goes Down hands its share to the others.
/// - `placement.fermi.dev/cross-region: "true"` lets a gang span regions when no one region
///   can hold it; by default it stays inside one region (zones a few milliseconds apart).
public enum PlacementAnnotations {
    public static let zones = "placement.fermi.dev/zones"
    public static let crossRegion = "placement.fermi.dev/cross-region"

    /// One zone's share of a spread.
    public struct ZoneShare: Hashable, Sendable {
        public var zone: String
        public var pods: Int
    }

    /// The zone spread `metadata` asks for, in the order written; nil when it asks for none
    /// or writes it wrongly (validation reports that).
    public static func zoneSpread(of metadata: ObjectMeta) -> [ZoneShare]? {
        guard let text = metadata.annotations?[zones] else { return nil }
        return try? parseZones(text).get()
    }

    /// Whether `metadata` lets a gang span regions.
    public static func mayCrossRegions(_ metadata: ObjectMeta) -> Bool {
        metadata.annotations?[crossRegion] == "true"
    }

    /// `ZONE=COUNT,ZONE=COUNT` parsed, or what is wrong with it.
    static func parseZones(_ text: String) -> Result<[ZoneShare], ZoneSpreadError> {
        var shares: [ZoneShare] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2, !parts[0].isEmpty, let count = Int(parts[1]), count > 0 else {
                return .failure(ZoneSpreadError("must be ZONE=COUNT pairs separated by commas, each count at least 1"))
            }
            if let problem = NameRules.dns1123Label(parts[0]).first { return .failure(ZoneSpreadError("zone \(parts[0]): \(problem)")) }
            if shares.contains(where: { $0.zone == parts[0] }) { return .failure(ZoneSpreadError("zone \(parts[0]) named twice")) }
            shares.append(ZoneShare(zone: parts[0], pods: count))
        }
        return .success(shares)
    }

    /// What is wrong with the placement annotations of `metadata`.
    static func validate(_ metadata: ObjectMeta, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        if let text = metadata.annotations?[zones], case .failure(let error) = parseZones(text) {
            errors.append(.invalid(path.child("annotations").key(zones), text, error.message))
        }
        if let text = metadata.annotations?[crossRegion], text != "true", text != "false" {
            errors.append(.notSupported(path.child("annotations").key(crossRegion), text, ["true", "false"]))
        }
        return errors
    }

    /// Why a zone spread annotation cannot be read.
    struct ZoneSpreadError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
