import FermiRuntime
import Foundation

/// The store benchmark's output: what was run, a table of SQLite beside etcd with their ratios,
/// whether each target is met, and last one line of JSON holding every figure.
struct BenchReport {
    /// What each backend was asked to do, for the heading.
    struct Workload {
        var objects: Int
        var objectBytes: Int
        var batchSize: Int
        var listSize: Int
        var pageSize: Int
        var watchChanges: Int
    }

    let fsyncPerSecond: Double
    let sqlite: BackendFigures
    let etcd: BackendFigures
    let workload: Workload

    var singleRatio: Double { sqlite.singleCreatesPerSecond / etcd.singleCreatesPerSecond }
    var batchedRatio: Double { sqlite.batchedCreatesPerSecond / etcd.batchedCreatesPerSecond }

    /// The whole report, ending with the JSON line.
    func text() -> String {
        [heading(), table(), targets(), jsonLine()].joined(separator: "\n\n")
    }

    private func heading() -> String {
        """
        store benchmark: SQLite and etcd, side by side on this machine
          objects: ~\(workload.objectBytes) bytes of pod JSON each; \(grouped(workload.objects)) created \
        one per call, then \(grouped(workload.objects)) in batches of \(workload.batchSize)
          list: \(grouped(workload.listSize)) objects in a namespace of their own, in pages of \
        \(grouped(workload.pageSize)), median of 3 runs
          watch: \(grouped(workload.watchChanges)) changes written by another process
          disk: \(grouped(fsyncPerSecond)) syncs/s (4 KiB write + fdatasync), the limit for unbatched durable writes
        """
    }

    private func table() -> String {
        let rows: [(String, String, String, String)] = [
            ("figure", "sqlite", "etcd", "sqlite/etcd"),
            ("single creates (objects/s)", grouped(sqlite.singleCreatesPerSecond),
             grouped(etcd.singleCreatesPerSecond), ratio(singleRatio)),
            ("single create p50 (ms)", milliseconds(sqlite.singleCreateP50),
             milliseconds(etcd.singleCreateP50), ""),
            ("single create p99 (ms)", milliseconds(sqlite.singleCreateP99),
             milliseconds(etcd.singleCreateP99), ""),
            ("batched creates (objects/s)", grouped(sqlite.batchedCreatesPerSecond),
             grouped(etcd.batchedCreatesPerSecond), ratio(batchedRatio)),
            ("list \(grouped(workload.listSize)) (s)", seconds(sqlite.listTime), seconds(etcd.listTime), ""),
            ("watch latency p50 (ms)", milliseconds(sqlite.watchLatencyP50),
             milliseconds(etcd.watchLatencyP50), ""),
            ("watch latency p99 (ms)", milliseconds(sqlite.watchLatencyP99),
             milliseconds(etcd.watchLatencyP99), ""),
        ]
        return rows.map { name, sqliteText, etcdText, ratioText in
            pad(name, 30) + padLeft(sqliteText, 12) + padLeft(etcdText, 12) + padLeft(ratioText, 14)
        }.joined(separator: "\n")
    }

    private func targets() -> String {
        let singleFloor = fsyncPerSecond / 2
        let checks: [(Bool, String)] = [
            (sqlite.batchedCreatesPerSecond >= 50_000,
             "batched SQLite creates >= 50,000/s: \(grouped(sqlite.batchedCreatesPerSecond))/s"),
            (batchedRatio >= 3,
             "batched SQLite creates >= 3x etcd's: \(ratio(batchedRatio))"),
            (sqlite.singleCreatesPerSecond >= singleFloor || sqlite.singleCreateP50 <= .milliseconds(2),
             "single SQLite creates >= half the disk's sync rate (\(grouped(singleFloor))/s) or median <= 2 ms: "
                + "\(grouped(sqlite.singleCreatesPerSecond))/s, median \(milliseconds(sqlite.singleCreateP50)) ms"),
            (sqlite.listTime < .seconds(1),
             "SQLite lists \(grouped(workload.listSize)) objects in < 1 s: \(seconds(sqlite.listTime)) s"),
            (sqlite.watchLatencyP99 < .milliseconds(50),
             "SQLite watch latency p99 < 50 ms: \(milliseconds(sqlite.watchLatencyP99)) ms"),
        ]
        return (["targets:"] + checks.map { met, text in "  " + pad(met ? "[met]" : "[NOT MET]", 10) + text })
            .joined(separator: "\n")
    }

    /// Every figure on one line of JSON, keys in a fixed order, for scripts to compare runs.
    func jsonLine() -> String {
        func backend(_ figures: BackendFigures) -> String {
            object([
                ("single_creates_per_sec", number(figures.singleCreatesPerSecond, digits: 1)),
                ("single_create_p50_ms", number(figures.singleCreateP50.inMilliseconds, digits: 3)),
                ("single_create_p99_ms", number(figures.singleCreateP99.inMilliseconds, digits: 3)),
                ("batched_creates_per_sec", number(figures.batchedCreatesPerSecond, digits: 1)),
                ("list_100k_seconds", number(figures.listTime.inSeconds, digits: 4)),
                ("watch_latency_p50_ms", number(figures.watchLatencyP50.inMilliseconds, digits: 3)),
                ("watch_latency_p99_ms", number(figures.watchLatencyP99.inMilliseconds, digits: 3)),
            ])
        }
        return object([
            ("fsync_per_sec", number(fsyncPerSecond, digits: 1)),
            ("sqlite", backend(sqlite)),
            ("etcd", backend(etcd)),
            ("ratio_single_sqlite_over_etcd", number(singleRatio, digits: 3)),
            ("ratio_batched_sqlite_over_etcd", number(batchedRatio, digits: 3)),
        ])
    }

    private func object(_ members: [(String, String)]) -> String {
        "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// A finite figure as a JSON number; anything else as null, which JSON can carry.
    private func number(_ value: Double, digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "null"
    }

    private func grouped(_ value: Double) -> String {
        value.isFinite ? grouped(Int(value.rounded())) : "n/a"
    }

    /// `value` with commas between thousands, as the targets are written: 50,000.
    private func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }

    private func ratio(_ value: Double) -> String {
        String(format: "%.2fx", value)
    }

    private func milliseconds(_ duration: Duration) -> String {
        String(format: "%.3f", duration.inMilliseconds)
    }

    private func seconds(_ duration: Duration) -> String {
        String(format: "%.3f", duration.inSeconds)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }

    private func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
