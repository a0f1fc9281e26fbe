import ArgumentParser
import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import FermiRuntimeTestSupport
import FermiStore
import FermiStoreTestSupport
import Foundation
import Synchronization

/// `fermi-bench scheduler`: the scheduler controller alone on an in-memory API server, with
/// thousands of nodes and gangs submitted at once; how many pods it binds per second of wall
/// time, how long each gang waits to be bound whole, and how the cost of one cycle grows with
/// the number of nodes. The clock is manual and stands still while the gangs are written, so
/// they all arrive within one schedule period: the scheduler decides them in the cycle the
/// period's end brings (and whatever arrived before the first write, in one cycle at once).
struct SchedulerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler", abstract: "Benchmark the scheduler: pods bound per second, gang bind times, cycle cost.")

    @Option(help: "Nodes of 8 GPUs, in ten zones over three regions.") var nodes = 5_000
    @Option(help: "Gangs of 1 to 8 pods.") var gangs = 10_000
    @Option(help: "Volcano queues the gangs are spread over.") var queues = 4
    @Option(help: "Gangs written to the store per commit while submitting.") var submitBatch = 100
    @Option(help: "Runs; medians are reported.") var runs = 3
    @Option(help: "Seed of the gangs' sizes and requests.") var seed: UInt64 = 1
    @Option(help: "Node counts at which one cycle over --cycle-gangs gangs is timed (comma-separated).")
    var cycleNodes = "1250,2500,5000,10000"
    @Option(help: "Gangs in the timed cycle.") var cycleGangs = 2_000
    @Flag(inversion: .prefixedNo, help: "Also run the peer: a cycle for every change, no schedule period.")
    var perChangePeer = true

    func run() async throws {
        var runsMeasured: [SchedulerRun] = []
        for run in 0..<runs {
            progress("scheduling \(gangs) gangs on \(nodes) nodes (run \(run + 1) of \(runs))")
            let measured = try await Self.measure(
                SchedulerWorkload(nodes: nodes, gangs: gangs, queues: queues, seed: seed), submitBatch: submitBatch)
            progress(
                String(
                    format: "  %d of %d pods bound in %.2f s; %d cycles took %.2f s", measured.podsBound, measured.pods,
                    measured.wallSeconds, measured.cycles, measured.schedulerSeconds))
            runsMeasured.append(measured)
        }
        var peer: SchedulerRun?
        if perChangePeer {
            progress("the peer: a cycle for every change, no schedule period")
            let workload = SchedulerWorkload(nodes: nodes, gangs: gangs, queues: queues, seed: seed)
            let measured = try await Self.measure(workload, submitBatch: submitBatch, schedulePeriod: .zero)
            progress(
                String(
                    format: "  %d of %d pods bound; %d cycles took %.2f s", measured.podsBound, measured.pods, measured.cycles,
                    measured.schedulerSeconds))
            peer = measured
        }
        var cycles: [(nodes: Int, seconds: Double)] = []
        for count in cycleNodes.split(separator: ",").compactMap({ Int($0) }) {
            progress("timing one cycle: \(cycleGangs) gangs on \(count) nodes")
            let cycle = SchedulerWorkload(nodes: count, gangs: cycleGangs, queues: queues, seed: seed).schedulingCycle()
            var seconds: [Double] = []
            for _ in 0..<3 {
                let start = MonotonicTime.nanoseconds()
                let decisions = cycle.run()
                seconds.append(Double(MonotonicTime.nanoseconds() - start) / 1e9)
                precondition(!decisions.bindings.isEmpty, "the timed cycle bound nothing")
            }
            cycles.append((count, median(seconds)))
        }
        print(SchedulerReport(nodes: nodes, gangs: gangs, runs: runsMeasured, cycles: cycles, perChangePeer: peer).text())
    }

    /// Starts the scheduler on a cluster of `workload`'s nodes and queues, writes every gang
    /// into the store, and waits until the scheduler has nothing left to do.
    static func measure(
        _ workload: SchedulerWorkload, submitBatch: Int, schedulePeriod: Duration = Scheduler.schedulePeriod
    ) async throws -> SchedulerRun {
        let cluster = try await TestCluster()
        var setup: [StoreWrite] = workload.zones.map(SchedulerWorkload.write) + workload.queues.map(SchedulerWorkload.write)
        setup += workload.nodes.map(SchedulerWorkload.write)
        for start in stride(from: 0, to: setup.count, by: 1000) {
            _ = try await cluster.store.commit(Array(setup[start..<min(start + 1000, setup.count)]))
        }
        let manager = cluster.manager
        manager.add(Scheduler.controller(in: manager, schedulePeriod: schedulePeriod))
        let tracker = BindTracker(workload)
        manager.informers.informer(Pod.self).onChange { event in
            if case .deleted = event { return }
            if event.object.spec.nodeName != nil { tracker.bound(event.object.name) }
        }
        // Encoded before the clock starts: what clients spend making their objects is not
        // the scheduler's time.
        let batches = stride(from: 0, to: workload.gangs.count, by: submitBatch).map { first in
            let range = first..<min(first + submitBatch, workload.gangs.count)
            var writes: [StoreWrite] = []
            for gang in workload.gangs[range] {
                writes.append(SchedulerWorkload.write(gang.group))
                writes += gang.pods.map(SchedulerWorkload.write)
            }
            return (range, writes)
        }
        return try await cluster.running {
            let start = MonotonicTime.nanoseconds()
            for (range, writes) in batches {
                _ = try await cluster.store.commit(writes)
                tracker.submitted(range, at: MonotonicTime.nanoseconds())
            }
            _ = try await manager.runUntilIdle(on: cluster.clock)
            var run = tracker.result(start: start, pods: workload.podCount)
            if run.podsBound < run.pods {
                // A run that leaves pods unbound says why, from the PodGroups' conditions.
                let stored = try await cluster.server.list(Pod.self).items
                progress("  \(stored.filter { $0.spec.nodeName != nil }.count) of \(stored.count) pods bound in the store")
                let waiting = try await cluster.server.list(PodGroup.self).items.compactMap { group in
                    group.status?.conditions?.first { $0.type == "Unschedulable" && $0.status == "True" }
                        .map { (group.name, $0.message ?? "") }
                }
                progress("  \(waiting.count) PodGroups unschedulable, e.g.:")
                for (name, why) in waiting.prefix(5) { progress("    \(name): \(why)") }
            }
            let spent = manager.reconcileTimes[Scheduler.name] ?? ReconcileTime()
            run.schedulerSeconds = spent.total.inSeconds
            run.cycles = spent.count
            return run
        }
    }
}

/// When each gang was submitted and when its last pod was seen bound.
final class BindTracker: Sendable {
    private struct State {
        var gangOfPod: [String: Int] = [:]
        var unbound: [Int] = []
        var submittedAt: [UInt64] = []
        var boundAt: [UInt64?] = []
        var podsBound = 0
        var lastBind: UInt64 = 0
    }

    private let state: Mutex<State>

    init(_ workload: SchedulerWorkload) {
        var state = State()
        for (index, gang) in workload.gangs.enumerated() {
            for pod in gang.pods { state.gangOfPod[pod.name] = index }
            state.unbound.append(gang.pods.count)
        }
        state.submittedAt = Array(repeating: 0, count: workload.gangs.count)
        state.boundAt = Array(repeating: nil, count: workload.gangs.count)
        self.state = Mutex(state)
    }

    func submitted(_ gangs: Range<Int>, at time: UInt64) {
        state.withLock { state in for gang in gangs { state.submittedAt[gang] = time } }
    }

    func bound(_ pod: String) {
        let now = MonotonicTime.nanoseconds()
        state.withLock { state in
            guard let gang = state.gangOfPod.removeValue(forKey: pod) else { return }
            state.podsBound += 1
            state.lastBind = now
            state.unbound[gang] -= 1
            if state.unbound[gang] == 0 { state.boundAt[gang] = now }
        }
    }

    func result(start: UInt64, pods: Int) -> SchedulerRun {
        state.withLock { state in
            var latencies = LatencySamples()
            for (gang, bound) in state.boundAt.enumerated() {
                guard let bound else { continue }
                latencies.append(.nanoseconds(Int64(bound) - Int64(state.submittedAt[gang])))
            }
            let end = state.lastBind > start ? state.lastBind : MonotonicTime.nanoseconds()
            return SchedulerRun(
                pods: pods, podsBound: state.podsBound, gangsBound: latencies.count,
                wallSeconds: Double(end - start) / 1e9, gangBind: latencies)
        }
    }
}

/// One run's figures.
struct SchedulerRun {
    var pods: Int
    var podsBound: Int
    var gangsBound: Int
    /// From the first gang submitted to the last pod seen bound.
    var wallSeconds: Double
    var gangBind: LatencySamples
    /// Wall time spent in the scheduler's reconciles (cycles: decide, bind, report).
    var schedulerSeconds: Double = 0
    var cycles = 0

    /// Pods bound per second from submission to the last binding: the API server, the store
    /// and the informers' decoding included.
    var podsPerSecond: Double { wallSeconds > 0 ? Double(podsBound) / wallSeconds : 0 }
    /// Pods bound per second of the scheduler's own wall time.
    var podsPerSchedulerSecond: Double { schedulerSeconds > 0 ? Double(podsBound) / schedulerSeconds : 0 }
}
