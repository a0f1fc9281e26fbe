import FermiRuntime
import Foundation

/// Where a control plane's time went, controller by controller: what `--stats` prints.
struct ControllerStats {
    var names: [String]
    var times: [String: ReconcileTime]
    var failures: [String: Int]

    /// A table, busiest controller first: reconciles, failures, total and mean wall time.
    func lines() -> [String] {
        let rows = names.map { name in (name, times[name] ?? ReconcileTime(), failures[name] ?? 0) }
            .sorted { $0.1.total > $1.1.total }
        let width = max(10, names.map(\.count).max() ?? 0)
        var lines = [
            "CONTROLLER".padding(toLength: width, withPad: " ", startingAt: 0)
                + "  RECONCILES  FAILURES    SECONDS   MEAN(ms)"
        ]
        for (name, time, failed) in rows {
            let seconds = time.total.inSeconds
            let mean = time.count > 0 ? seconds * 1000 / Double(time.count) : 0
            lines.append(
                name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + String(format: "  %10d  %8d  %9.3f  %9.3f", time.count, failed, seconds, mean))
        }
        return lines
    }
}
