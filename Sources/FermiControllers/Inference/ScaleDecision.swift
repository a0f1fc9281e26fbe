import FermiAPI
import Foundation

/// Knative's pod autoscaler (the KPA) as a pure function: the replicas a revision wants from
/// its load over a stable window (60 s) and a panic window (6 s). Each window's figure over
/// the per-replica target gives a count; scale-downs are at most halving. When the panic
/// count is at least `panicThreshold` (200%) of the ready replicas, the autoscaler panics:
/// it follows the panic window and never scales down until the stable window has passed
/// without the threshold being crossed. A drop is acted on only once it has held for the
/// scale-down delay; a revision with no traffic goes to zero only after a grace period, if
/// its minimum allows; a request held by the activator wakes a revision at zero at once.
/// CPU and memory scale as the HPA does: replicas in proportion to utilisation over target.
struct ScaleDecision: Equatable {
    /// What the queue proxies measured.
    struct Observation: Equatable {
        var stable: Double
        var panic: Double
        var readyReplicas: Int
        var pendingRequests: Int
    }

    /// The replicas wanted, and why.
    var scale: Int32
    var mode: String
    var reason: String
    /// The autoscaler's memory, kept in the PodAutoscaler's status.
    var panicSince: Timestamp?
    var panicScale: Int32?
    var recentScales: [ScaleRecommendation]
    var idleSince: Timestamp?

    /// A scale-down at most halves the ready replicas (Knative's max-scale-down-rate).
    static let scaleDownRate = 2.0
    /// How long an HPA-class revision holds its scale before a drop, as the HPA does.
    static let utilisationStabilisation: Duration = .seconds(300)

    /// How long a drop must hold before it is acted on: the revision's scale-down delay, and
    /// for cpu or memory at least the HPA's stabilisation window.
    static func scaleDownDelay(_ settings: AutoscalingSettings) -> Duration {
        settings.metric == "cpu" || settings.metric == "memory"
            ? max(settings.scaleDownDelay, utilisationStabilisation) : settings.scaleDownDelay
    }

    static func decide(
        settings: AutoscalingSettings, reachable: Bool, observed: Observation, previous: PodAutoscalerStatus?, now: Timestamp
    ) -> ScaleDecision {
        guard reachable else {
            return ScaleDecision(scale: 0, mode: "Stable", reason: "the revision takes no traffic", recentScales: [])
        }
        let ready = max(1, observed.readyReplicas)
        let utilisation = settings.metric == "cpu" || settings.metric == "memory"
        let target = settings.effectiveTarget
        var stableCount: Int
        var panicCount: Int
        if utilisation {
            stableCount = Int((Double(observed.readyReplicas) * observed.stable / target).rounded(.up))
            panicCount = stableCount
        } else {
            stableCount = Int((observed.stable / target).rounded(.up))
            panicCount = Int((observed.panic / target).rounded(.up))
        }
        let floor = Int((Double(observed.readyReplicas) / scaleDownRate).rounded(.down))
        stableCount = max(stableCount, floor)
        panicCount = max(panicCount, floor)
        // Panic: entered (or prolonged) each time the threshold is crossed, left a stable
        // window after the last time.
        var panicSince = previous?.panicSince
        let overThreshold = !utilisation && Double(panicCount) / Double(ready) >= settings.panicThreshold && observed.panic > 0
        if overThreshold {
            panicSince = now
        } else if let since = panicSince, now.secondsSince1970 - since.secondsSince1970 >= settings.stableWindow.components.seconds {
            panicSince = nil
        }
        let figure = { (value: Double, window: Duration) in
            "\(settings.metric) \(String(format: "%.2f", value)) over \(window.components.seconds)s"
        }
        var scale = stableCount
        var reason = "stable: \(figure(observed.stable, settings.stableWindow))"
        var panicScale: Int32?
        if panicSince != nil {
            scale = max(panicCount, Int(previous?.panicScale ?? 0))
            panicScale = settings.bounded(Int32(min(scale, Int(Int32.max))))
            reason = "panic: \(figure(observed.panic, settings.panicWindow))"
        }
        if utilisation { reason = "utilisation: \(settings.metric) \(String(format: "%.1f", observed.stable))% over \(settings.stableWindow.components.seconds)s" }
        reason += " for a target of \(targetText(settings)) per replica"
        // A request waiting at the activator wakes a revision at zero.
        if observed.pendingRequests > 0, observed.readyReplicas == 0 {
            scale = max(1, scale)
            reason = "activation: \(observed.pendingRequests) request(s) waiting at the activator; \(reason)"
        }
        // Drops wait out the scale-down delay: the most wanted within it is what counts.
        let delay = scaleDownDelay(settings)
        // Kept as a sliding-window maximum: a wanted scale no higher than a later one can
        // never count again, so it goes; the list stays short, and a second look at the same
        // moment changes nothing.
        var recent = (previous?.recentScales ?? []).filter {
            delay > .zero && now.secondsSince1970 - ($0.time?.secondsSince1970 ?? 0) < delay.components.seconds
        }
        recent.removeAll { ($0.scale ?? 0) <= Int32(scale) }
        recent.append(ScaleRecommendation(time: now, scale: Int32(scale)))
        scale = Int(recent.compactMap(\.scale).max() ?? Int32(scale))
        // No traffic: zero, after the grace period, if the minimum allows.
        var idleSince: Timestamp?
        if scale == 0, settings.allowsZero, (previous?.desiredScale ?? 0) > 0 {
            idleSince = previous?.idleSince ?? now
            if now.secondsSince1970 - idleSince!.secondsSince1970 < settings.scaleToZeroGracePeriod.components.seconds {
                scale = 1
                reason = "no traffic for the stable window; scaling to zero after the \(settings.scaleToZeroGracePeriod.components.seconds)s grace period"
            } else {
                reason = "no traffic for the stable window and the grace period"
            }
        }
        return ScaleDecision(
            scale: settings.bounded(Int32(scale)), mode: panicSince == nil ? "Stable" : "Panic", reason: reason, panicSince: panicSince,
            panicScale: panicScale, recentScales: delay > .zero ? recent : [], idleSince: idleSince)
    }

    private static func targetText(_ settings: AutoscalingSettings) -> String {
        if settings.metric == "cpu" || settings.metric == "memory" { return "\(String(format: "%.0f", settings.target))%" }
        return "\(String(format: "%.2f", settings.effectiveTarget)) (\(String(format: "%g", settings.target)) at \(Int(settings.targetUtilization * 100))%)"
    }
}
