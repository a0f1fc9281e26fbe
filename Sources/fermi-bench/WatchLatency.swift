import FermiStore
import FermiStoreTestSupport
import Foundation

/// How long a change takes to reach a watcher in another process: `fermi-store-driver` writes
/// values stamped with the machine's monotonic clock just before each write, and this process,
/// watching, subtracts the stamp from the clock when the event arrives. The figure includes the
/// writer's durable commit, as a controller waiting on another's write experiences it.
struct WatchLatency {
    let store: any Store
    /// The same store as the driver process names it.
    let location: StoreLocation
    let changes: Int
    /// A prefix nothing else writes to, so that every event seen is one of the driver's.
    var prefix = "/registry/bench-watch/"
    /// How long to wait for missing events after the driver has finished.
    var grace: Duration = .seconds(10)

    /// The latency of every create and update the driver makes; deletes carry no stamp.
    func measure() async throws -> LatencySamples {
        let start = try await store.currentRevision()
        let stream = try await store.watch(prefix: prefix, after: start)
        let driver = try ChildProcess(
            "fermi-store-driver",
            [
                "changes", "--store", location.description, "--prefix", prefix,
                "--count", "\(changes)", "--keys", "50", "--pause-microseconds", "2000", "--stamp",
            ])
        return try await withThrowingTaskGroup(of: LatencySamples?.self) { group in
            group.addTask { try await receive(stream) }
            group.addTask {
                let status = await driver.waitForExit()
                guard status == 0 else {
                    throw WatchLatencyError.driverFailed(status: status, errors: driver.errorText)
                }
                try await Task.sleep(for: grace)
                return nil
            }
            defer { group.cancelAll() }
            // The receiver finishes first unless events are missing: then the timer does.
            guard let latencies = try await group.next() ?? nil else {
                throw WatchLatencyError.eventsMissing(expected: changes)
            }
            return latencies
        }
    }

    /// Reads `changes` events, timing each one that carries a value.
    private func receive(_ stream: WatchStream) async throws -> LatencySamples {
        var latencies = LatencySamples()
        var received = 0
        for try await event in stream {
            // The clock is read first, before anything this process does with the event.
            let now = MonotonicTime.nanoseconds()
            received += 1
            if let value = event.current?.value {
                guard let stamp = UInt64(String(decoding: value, as: UTF8.self)), stamp <= now else {
                    throw WatchLatencyError.badStamp(key: event.key, value: String(decoding: value, as: UTF8.self))
                }
                latencies.append(.nanoseconds(Int64(now - stamp)))
            }
            if received == changes {
                guard latencies.count > 0 else { throw WatchLatencyError.noValues }
                return latencies
            }
        }
        throw WatchLatencyError.streamEnded(received: received, expected: changes)
    }
}

/// Why watch latency could not be measured.
enum WatchLatencyError: Error, CustomStringConvertible {
    case driverFailed(status: Int32, errors: String)
    case eventsMissing(expected: Int)
    case streamEnded(received: Int, expected: Int)
    case badStamp(key: String, value: String)
    case noValues

    var description: String {
        switch self {
        case .driverFailed(let status, let errors):
            "fermi-store-driver exited with status \(status): \(errors)"
        case .eventsMissing(let expected):
            "the watch did not deliver all \(expected) changes within the grace period after the writer finished"
        case .streamEnded(let received, let expected):
            "the watch ended after \(received) of \(expected) changes"
        case .badStamp(let key, let value):
            "the value of \(key) is not a monotonic clock stamp: \(value.prefix(80))"
        case .noValues:
            "every change watched was a delete: there is no stamp to time"
        }
    }
}
