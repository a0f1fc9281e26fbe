import Foundation

/// The CLI benchmark's output: the figures beside their targets, then one line of JSON.
struct CLIReport {
    let objects: Int
    let storeObjects: Int
    let pods: Int
    let runs: Int
    let applySeconds: Double
    let getSeconds: Double
    let listSeconds: Double

    var applyObjectsPerSecond: Double { Double(objects) / applySeconds }

    func text() -> String {
        let rows = [
            ("fermi apply -f (\(objects) objects, new store)", String(format: "%.2f s = %.0f objects/s", applySeconds, applyObjectsPerSecond),
             "≥ 10,000 objects/s", applyObjectsPerSecond >= 10_000),
            ("fermi get pytorchjob NAME (\(storeObjects) in store)", String(format: "%.1f ms", getSeconds * 1000), "< 50 ms", getSeconds < 0.05),
            ("fermi get pods -A (\(pods) pods of \(storeObjects))", String(format: "%.2f s", listSeconds), "< 2 s", listSeconds < 2),
        ]
        var lines = ["cli benchmark: process start to exit, median of \(runs) runs (get one: of \(max(runs, 10)))"]
        for (what, figure, target, met) in rows {
            lines.append("  \(what.padding(toLength: 48, withPad: " ", startingAt: 0)) \(figure.padding(toLength: 30, withPad: " ", startingAt: 0)) target \(target): \(met ? "met" : "NOT met")")
        }
        let json = String(
            format: #"{"benchmark":"cli","apply_objects":%d,"apply_seconds":%.3f,"apply_objects_per_second":%.0f,"get_one_ms":%.2f,"list_objects_in_store":%d,"list_pods":%d,"list_seconds":%.3f}"#,
            objects, applySeconds, applyObjectsPerSecond, getSeconds * 1000, storeObjects, pods, listSeconds)
        return lines.joined(separator: "\n") + "\n\n" + json
    }
}
