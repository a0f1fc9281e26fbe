import Foundation

/// How a simulated training run goes: its loss falls from 2.5 towards a floor, most of the way
/// by the end, and each GPU processes about 200 samples a second. The floor depends on the
/// run's hyperparameters (a seeded draw from them, so the same parameters always train to the
/// same loss and a sweep has something to find); a run that names none trains to 0.3. The
/// kubelet prints the curve in a trainer's logs (with a little noise) and the training job
/// controllers report it, so both tell the same story.
public struct TrainingCurve: Sendable, Equatable {
    /// The loss the run approaches.
    public let floor: Double

    /// The curve of a run with `parameters` (its hyperparameters: env and args).
    public init(parameters: [String: String]) {
        guard !parameters.isEmpty else {
            floor = 0.3
            return
        }
        let identity = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        var random = SeededRandom(seed: 0, salt: "training-curve:" + identity)
        floor = 0.05 + 0.9 * random.nextUnit()
    }

    /// The loss at `progress` (0 at the start, 1 at the end).
    public func loss(atProgress progress: Double) -> Double {
        floor + (2.5 - floor) * exp(-3 * progress)
    }

    /// Samples a second one GPU processes, on average.
    public static let samplesPerSecondPerGPU = 200.0

    /// Samples a second `gpus` GPUs process together, on average (a CPU-only replica counts
    /// as one).
    public static func throughput(gpus: Int) -> Double {
        Double(max(gpus, 1)) * samplesPerSecondPerGPU
    }
}
