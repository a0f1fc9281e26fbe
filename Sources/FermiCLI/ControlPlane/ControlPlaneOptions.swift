import ArgumentParser
import FermiAPI
import FermiControllers
import Foundation

/// How `fermi up` and `fermi controllers` keep time.
struct ControlPlaneOptions: ParsableArguments {
    @Option(help: "Simulated seconds per real second (60: a simulated minute every second).")
    var timeScale: Double = 1
    @Flag(help: "Run in discrete-event time: jump from event to event and exit when nothing more will happen.")
    var untilIdle = false
    @Option(help: "The seed of the simulation's random draws (same seed, same history).")
    var seed: UInt64 = 0
    @Option(help: "Where simulated time starts (RFC 3339) when the store has not saved one; the wall clock by default.")
    var start: String?
    @Option(name: .customLong("for"), help: "Stop after this much simulated time (a Go duration: 72h).")
    var limit: String?
    @Flag(help: "No progress line.")
    var quiet = false
    @Flag(help: "When the run ends, print each controller's reconciles, failures and the wall time they took (to stderr).")
    var stats = false
    @Option(help: "While running live, also serve the Kubernetes REST API here (HOST:PORT), for kubectl.")
    var listen: String?
    @Option(help: "The shortest simulated time between two scheduling cycles, as Volcano's schedule period (a Go duration; 1s by default; 0s: a cycle for every change).")
    var schedulePeriod: String?

    func validate() throws {
        guard timeScale > 0 else { throw ValidationError("--time-scale must be positive") }
        if let start, (try? Date(start, strategy: .iso8601)) == nil {
            throw ValidationError("--start: not an RFC 3339 time: \(start)")
        }
        if let listen, ServeCommand.address(listen) == nil {
            throw ValidationError("--listen must be HOST:PORT, not \(listen)")
        }
        if let limit, GoDuration(limit)?.isPositive != true {
            throw ValidationError("--for: not a positive duration: \(limit)")
        }
        if let schedulePeriod, (GoDuration(schedulePeriod)?.duration).map({ $0 >= .zero }) != true {
            throw ValidationError("--schedule-period: not a duration of zero or more: \(schedulePeriod)")
        }
    }

    var startDate: Date? {
        start.flatMap { try? Date($0, strategy: .iso8601) }
    }

    var limitDuration: Duration? {
        limit.flatMap(GoDuration.init)?.duration
    }

    var schedulePeriodDuration: Duration {
        schedulePeriod.flatMap(GoDuration.init)?.duration ?? Scheduler.schedulePeriod
    }
}
