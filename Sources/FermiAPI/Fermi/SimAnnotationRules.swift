import Foundation

/// The `sim.fermi.dev/` annotations a person writes, checked wherever they appear, so a
/// mistyped behaviour is an error at apply rather than a simulation that quietly ignores it:
/// durations parse, rates and counts are numbers in range, and names are ones the simulator
/// knows. Keys the simulator writes itself, and keys it does not read, are left alone.
enum SimAnnotationRules {
    static let durations = [
        "duration", "fail-after", "checkpoint-interval", "startup-time", "liveness-fail-after", "step-at", "spike-at", "spike-duration",
        "load-duration", "service-time",
    ]
    static let rates = ["rps", "peak-rps"]
    static let shares = ["error-rate", "failure-probability", "io-fraction", "read-speedup"]
    static let quantities = ["dataset-size", "load-bandwidth"]
    static let counts = ["fail-times", "liveness-fail-times", "replica-capacity"]
    static let choices: [String: [String]] = [
        "load-shape": ["constant", "diurnal", "step", "spike"], "kind": ["training", "inference", "generic"],
    ]

    static func validate(_ annotations: [String: String]?, at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        for (key, value) in (annotations ?? [:]).sorted(by: { $0.key < $1.key }) where key.hasPrefix(SimAnnotations.prefix) {
            let name = String(key.dropFirst(SimAnnotations.prefix.count))
            let at = path.key(key)
            if durations.contains(name), !(name == "duration" && value == "forever"), GoDuration(value) == nil {
                errors.append(.invalid(at, value, "must be a duration such as 90s, 30m or 2h\(name == "duration" ? ", or forever" : "")"))
            } else if rates.contains(name), Double(value).map({ $0 < 0 || !$0.isFinite }) ?? true {
                errors.append(.invalid(at, value, "must be a number of requests a second, at least 0"))
            } else if shares.contains(name), Double(value).map({ !(0...1).contains($0) }) ?? true {
                errors.append(.invalid(at, value, "must be a share between 0 and 1"))
            } else if counts.contains(name), Int(value).map({ $0 < (name == "replica-capacity" ? 1 : 0) }) ?? true {
                errors.append(.invalid(at, value, "must be a whole number of at least \(name == "replica-capacity" ? 1 : 0)"))
            } else if quantities.contains(name), Quantity(value).map({ $0.value <= 0 }) ?? true {
                errors.append(.invalid(at, value, "must be a positive quantity such as 150Gi"))
            } else if let allowed = choices[name], !allowed.contains(value) {
                errors.append(.notSupported(at, value, allowed))
            }
        }
        return errors
    }
}
