import Foundation

/// What a pod used while its containers ran, and what that cost at its node's prices:
/// GPU-hours (a MIG slice or a time-sliced share counts as its part of a whole GPU),
/// core-hours, and their cost.
public struct PodUsage: Sendable, Equatable {
    public var gpuHours: Decimal = 0
    public var coreHours: Decimal = 0
    public var cost: Decimal = 0

    public init(gpuHours: Decimal = 0, coreHours: Decimal = 0, cost: Decimal = 0) {
        self.gpuHours = gpuHours
        self.coreHours = coreHours
        self.cost = cost
    }

    public static let gpuHoursAnnotation = "sim.fermi.dev/gpu-hours"
    public static let coreHoursAnnotation = "sim.fermi.dev/core-hours"
    public static let costAnnotation = "sim.fermi.dev/cost"

    /// The usage of `pod` having run `seconds` on `node`.
    public static func of(_ pod: Pod, on node: Node?, runSeconds seconds: Int64) -> PodUsage {
        let hours = Decimal(seconds) / 3600
        let requests = pod.spec.resourceRequests
        let gpus = wholeGPUs(in: requests, on: node)
        let cores = requests["cpu"] ?? 0
        let annotations = node?.metadata.annotations ?? [:]
        let gpuPrice = annotations[SimAnnotations.pricePerGPUHour].flatMap { Quantity($0)?.value } ?? 0
        let corePrice = annotations[SimAnnotations.pricePerCoreHour].flatMap { Quantity($0)?.value } ?? 0
        let usage = PodUsage(gpuHours: gpus * hours, coreHours: cores * hours, cost: 0)
        return PodUsage(
            gpuHours: usage.gpuHours, coreHours: usage.coreHours,
            cost: usage.gpuHours * gpuPrice + usage.coreHours * corePrice)
    }

    /// The whole GPUs `requests` come to on `node`: a MIG slice or a time-sliced share counts
    /// as its part of a device.
    public static func wholeGPUs(in requests: [String: Decimal], on node: Node?) -> Decimal {
        var gpus: Decimal = 0
        for (resource, quantity) in requests where AcceleratorResources.contains(resource) {
            gpus += quantity * gpuShare(of: resource, on: node)
        }
        return gpus
    }

    /// How much of a whole GPU one unit of `resource` is on `node`: 1 for whole devices, less
    /// for MIG slices and time-sliced shares (physical GPUs over advertised units).
    public static func gpuShare(of resource: String, on node: Node?) -> Decimal {
        // The count label is a whole number: read as one, not by Foundation's locale-aware
        // parser. Most devices are whole (as many advertised as there are): no division.
        guard let node, let label = node.metadata.labels?[WellKnownLabels.gpuCount],
            let physical = Int64(label).map(Decimal.init) ?? Decimal(string: label),
            let advertised = node.status?.capacity?[resource]?.value, advertised > 0
        else { return 1 }
        return physical >= advertised ? 1 : physical / advertised
    }

    /// The usage recorded on an object's annotations (zero where absent).
    public init(annotations: [String: String]?) {
        func value(_ key: String) -> Decimal { annotations?[key].flatMap { Decimal(string: $0) } ?? 0 }
        self.init(gpuHours: value(Self.gpuHoursAnnotation), coreHours: value(Self.coreHoursAnnotation), cost: value(Self.costAnnotation))
    }

    /// The usage as annotations, to 6 decimal places (cost to the fen and beyond).
    public var annotations: [String: String] {
        [
            Self.gpuHoursAnnotation: Self.text(gpuHours), Self.coreHoursAnnotation: Self.text(coreHours),
            Self.costAnnotation: Self.text(cost),
        ]
    }

    public static func + (lhs: PodUsage, rhs: PodUsage) -> PodUsage {
        PodUsage(gpuHours: lhs.gpuHours + rhs.gpuHours, coreHours: lhs.coreHours + rhs.coreHours, cost: lhs.cost + rhs.cost)
    }

    /// `value` rounded to 6 places, without trailing zeros.
    public static func text(_ value: Decimal, places: Int = 6) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, places, .plain)
        return "\(rounded)"
    }
}
