import Foundation

/// A revision's autoscaling settings, read from its `autoscaling.knative.dev/` annotations
/// with Knative's defaults: a stable window of 60 s and a panic window of 10% of it (6 s),
/// panic entered at 200% of the target, target utilisation 70%, a concurrency target of 100
/// (200 for rps), scale to zero after a 30 s grace period when min-scale is 0, no scale-down
/// delay.
public struct AutoscalingSettings: Sendable, Equatable {
    public static let prefix = "autoscaling.knative.dev/"
    public static let minScaleAnnotation = prefix + "min-scale"
    public static let maxScaleAnnotation = prefix + "max-scale"
    public static let initialScaleAnnotation = prefix + "initial-scale"
    public static let targetAnnotation = prefix + "target"
    public static let metricAnnotation = prefix + "metric"
    public static let classAnnotation = prefix + "class"
    public static let targetUtilizationAnnotation = prefix + "target-utilization-percentage"
    public static let windowAnnotation = prefix + "window"
    public static let panicWindowAnnotation = prefix + "panic-window-percentage"
    public static let panicThresholdAnnotation = prefix + "panic-threshold-percentage"
    public static let scaleDownDelayAnnotation = prefix + "scale-down-delay"
    public static let scaleToZeroRetentionAnnotation = prefix + "scale-to-zero-pod-retention-period"
    /// Fermi's own (a cluster setting in Knative): how long a revision with no traffic keeps
    /// its last replica before scaling to zero.
    public static let scaleToZeroGracePeriodAnnotation = prefix + "scale-to-zero-grace-period"
    /// The KPA's class name.
    public static let kpaClass = "kpa.autoscaling.knative.dev"

    public var minScale: Int32
    /// 0: no upper bound.
    public var maxScale: Int32
    public var initialScale: Int32
    /// concurrency, rps, cpu or memory.
    public var metric: String
    /// The wanted value of the metric per replica (for cpu and memory, a utilisation percentage).
    public var target: Double
    /// The share of the target the autoscaler aims at (concurrency and rps).
    public var targetUtilization: Double
    public var stableWindow: Duration
    public var panicWindow: Duration
    /// The panic threshold as a share of the target (2.0 for 200%).
    public var panicThreshold: Double
    public var scaleDownDelay: Duration
    public var scaleToZeroGracePeriod: Duration

    /// The settings `annotations` give, defaults where they are silent.
    public init(annotations: [String: String]?) {
        let values = annotations ?? [:]
        func number(_ key: String) -> Double? { values[key].flatMap(Double.init) }
        func duration(_ key: String) -> Duration? { values[key].flatMap(GoDuration.init)?.duration }
        minScale = number(Self.minScaleAnnotation).map { Int32($0) } ?? 0
        maxScale = number(Self.maxScaleAnnotation).map { Int32($0) } ?? 0
        initialScale = number(Self.initialScaleAnnotation).map { Int32($0) } ?? 1
        metric = values[Self.metricAnnotation] ?? "concurrency"
        let isUtilisation = metric == "cpu" || metric == "memory"
        target = number(Self.targetAnnotation) ?? (metric == "rps" ? 200 : isUtilisation ? 80 : 100)
        targetUtilization = isUtilisation ? 1 : (number(Self.targetUtilizationAnnotation) ?? 70) / 100
        stableWindow = duration(Self.windowAnnotation) ?? .seconds(60)
        panicWindow = stableWindow * ((number(Self.panicWindowAnnotation) ?? 10) / 100)
        panicThreshold = (number(Self.panicThresholdAnnotation) ?? 200) / 100
        scaleDownDelay = duration(Self.scaleDownDelayAnnotation) ?? .zero
        scaleToZeroGracePeriod = duration(Self.scaleToZeroGracePeriodAnnotation) ?? .seconds(30)
    }

    /// The metric per replica the autoscaler aims at: the target times its utilisation.
    public var effectiveTarget: Double {
        max(0.01, target * targetUtilization)
    }

    /// Whether the scale may be as low as zero.
    public var allowsZero: Bool { minScale == 0 }

    /// `scale` within the bounds: at least min-scale, at most max-scale (when there is one).
    public func bounded(_ scale: Int32) -> Int32 {
        let low = max(minScale, scale)
        return maxScale > 0 ? min(maxScale, low) : low
    }
}
