import FermiAPI
import FermiRuntime
import Foundation

/// The trials a sweep runs, as pure functions of its spec: a grid is every
/// combination of the values in order (the first parameter varying slowest), truncated to
/// maxTrials; random search draws each value (from the list, or uniformly from the range)
/// from the sweep's seed and the trial's number, so the same sweep runs the same trials every
/// time.
enum SweepPlan {
    /// The parameter values of each trial, in order.
    static func assignments(of spec: SweepSpec) -> [[String: String]] {
        let parameters = spec.parameters ?? []
        let limit = Int(spec.maxTrials ?? 1)
        if spec.algorithm == "random" {
            return (0..<limit).map { trial in
                var values: [String: String] = [:]
                for parameter in parameters {
                    var random = SeededRandom(seed: UInt64(bitPattern: spec.seed ?? 1), salt: "\(parameter.name ?? "")#\(trial)")
                    if let choices = parameter.values, !choices.isEmpty {
                        values[parameter.name ?? ""] = choices[Int(random.next() % UInt64(choices.count))]
                    } else if let low = parameter.min.flatMap(Double.init), let high = parameter.max.flatMap(Double.init) {
                        values[parameter.name ?? ""] = String(format: "%.6g", low + (high - low) * random.nextUnit())
                    }
                }
                return values
            }
        }
        var grid: [[String: String]] = [[:]]
        for parameter in parameters {
            grid = grid.flatMap { partial in
                (parameter.values ?? []).map { partial.merging([parameter.name ?? "": $0]) { _, new in new } }
            }
        }
        return Array(grid.prefix(limit))
    }

    /// Whether metric `candidate` beats `best` under `goal`.
    static func isBetter(_ candidate: String, than best: String?, goal: String) -> Bool {
        guard let value = Double(candidate) else { return false }
        guard let best = best.flatMap(Double.init) else { return true }
        return goal == "maximize" ? value > best : value < best
    }
}
