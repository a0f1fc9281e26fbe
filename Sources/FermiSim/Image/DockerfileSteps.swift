import FermiRuntime
import Foundation

/// A Dockerfile's instructions, and the log a simulated build of them prints: the steps that
/// have run by now, each taking an equal share of the build, then the push.
enum DockerfileSteps {
    struct Step: Equatable {
        var instruction: String
        var arguments: String
    }

    /// The instructions, one per logical line (continuations joined, comments dropped).
    static func parse(_ dockerfile: String) -> [Step] {
        var steps: [Step] = []
        var pending = ""
        for rawLine in dockerfile.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast().trimmingCharacters(in: .whitespaces) + " "
                continue
            }
            let whole = pending + line
            pending = ""
            let parts = whole.split(separator: " ", maxSplits: 1)
            steps.append(Step(instruction: parts[0].uppercased(), arguments: parts.count > 1 ? String(parts[1]) : ""))
        }
        return steps
    }

    static func log(_ steps: [Step], reference: String, length: Duration, elapsed: Duration) -> [String] {
        let share = length / max(1, steps.count)
        var lines: [String] = []
        for (index, step) in steps.enumerated() where elapsed >= share * index {
            lines.append("Step \(index + 1)/\(steps.count) : \(step.instruction) \(step.arguments)")
        }
        if elapsed >= length {
            lines.append("Successfully built \(String(FNV1a.hash(reference).prefix(12)))")
            lines.append("Successfully tagged \(reference)")
            lines.append("The push refers to repository [\(reference.split(separator: ":").first.map(String.init) ?? reference)]")
        }
        return lines
    }
}
