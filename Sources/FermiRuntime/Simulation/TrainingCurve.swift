import Foundation

/// How a simulated training run's loss falls as it goes: from 2.5 at the start towards 0.3,
/// most of the way by the end. The kubelet prints it in a trainer's logs (with a little
/// noise) and the training job controllers report it, so both tell the same story.
public enum TrainingCurve {
    /// The loss at `progress` (0 at the start, 1 at the end).
    public static func loss(atProgress progress: Double) -> Double {
        0.3 + 2.2 * exp(-3 * progress)
    }
}
