import FermiAPI
import Foundation

/// The request load on an InferenceService, from its `sim.fermi.dev/` annotations (none: no
/// load). Time counts from when the service first became Ready.
///
/// - `rps`: the base rate, requests a second.
/// - `load-shape`: `constant` (the default); `diurnal`, from the base rate at 04:00 to
///   `peak-rps` at 16:00 and back, day after day; `step`, from the base rate to `peak-rps` at
///   `step-at` (10m by default); `spike`, `peak-rps` for `spike-duration` (5m) from `spike-at`
///   (1h), the base rate otherwise.
/// - `peak-rps`: the shape's high rate (twice the base by default).
/// - `load-duration`: how long the load lasts; for ever by default.
/// - `service-time`: how long a replica takes over one request (100ms by default); each
///   request varies around it.
/// - `replica-capacity`: requests one replica works on at once before the rest queue (the
///   revision's containerConcurrency when set, else 16).
/// - `error-rate`: the share of requests the model server fails (0 by default).
struct LoadModel: Sendable, Equatable {
    var baseRPS: Double
    var peakRPS: Double
    var shape: String
    var stepAt: Duration
    var spikeAt: Duration
    var spikeDuration: Duration
    var duration: Duration?
    var serviceTime: Duration
    var capacity: Int?
    var errorRate: Double

    static let shapes = ["constant", "diurnal", "step", "spike"]

    init(annotations: [String: String]?) {
        let values = annotations ?? [:]
        func text(_ name: String) -> String? { values[SimAnnotations.prefix + name] }
        func duration(_ name: String) -> Duration? { text(name).flatMap(GoDuration.init)?.duration }
        baseRPS = text("rps").flatMap(Double.init) ?? 0
        peakRPS = text("peak-rps").flatMap(Double.init) ?? baseRPS * 2
        shape = text("load-shape") ?? "constant"
        stepAt = duration("step-at") ?? .seconds(600)
        spikeAt = duration("spike-at") ?? .seconds(3600)
        spikeDuration = duration("spike-duration") ?? .seconds(300)
        self.duration = duration("load-duration")
        serviceTime = duration("service-time") ?? .milliseconds(100)
        capacity = text("replica-capacity").flatMap(Int.init)
        errorRate = text("error-rate").flatMap(Double.init) ?? 0
    }

    /// Whether there is any load at all.
    var hasLoad: Bool { baseRPS > 0 || peakRPS > 0 }

    /// Whether the load is still on `elapsed` after it started.
    func isOn(after elapsed: Duration) -> Bool {
        hasLoad && duration.map { elapsed < $0 } ?? true
    }

    /// Requests a second `elapsed` after the load started, at wall-clock `time` (for the
    /// diurnal shape).
    func rate(after elapsed: Duration, at time: Date) -> Double {
        guard isOn(after: elapsed) else { return 0 }
        switch shape {
        case "diurnal":
            let secondOfDay = time.timeIntervalSince1970.truncatingRemainder(dividingBy: 86400)
            // Lowest at 04:00, highest twelve hours later.
            let phase = 2 * Double.pi * (secondOfDay - 4 * 3600) / 86400
            return baseRPS + (peakRPS - baseRPS) * (1 - cos(phase)) / 2
        case "step":
            return elapsed >= stepAt ? peakRPS : baseRPS
        case "spike":
            return elapsed >= spikeAt && elapsed < spikeAt + spikeDuration ? peakRPS : baseRPS
        default:
            return baseRPS
        }
    }
}
