import CoreMetrics
import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiSim
import FermiStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Runs controllers against the store: live on a (scaled) wall clock until interrupted, or in
/// discrete-event time until nothing more will happen.
struct ControlPlaneRun {
    let options: ControlPlaneOptions
    let global: GlobalOptions
    /// How the API is served with --listen.
    let serving: ServingOptions
    /// The controllers to run; nil runs them all.
    let only: Set<String>?

    func run() async throws {
        let store = try global.openStore()
        // Simulated time resumes where the store last saw it, else at --start or now.
        let probe = APIServer(store: store)
        let saved = try await SimulationClockRecord(server: probe).load()
        let start = saved ?? EpochInstant(sinceEpoch: .seconds(Int64((options.startDate ?? Date()).timeIntervalSince1970)))
        if options.untilIdle {
            try await runUntilIdle(store: store, start: start)
        } else {
            try await runLive(store: store, start: start)
        }
    }

    private func makeManager(
        store: any Store, clock: any ControlClock, metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) async throws -> ControllerManager {
        let server = APIServer(store: store, now: { clock.now.date })
        try await server.ensureDefaultNamespace()
        let manager = ControllerManager(server: server, clock: clock, metricsFactory: metricsFactory)
        // Live nodes heartbeat as a kubelet does; in discrete-event time they post only changes.
        let heartbeat = options.untilIdle ? nil : NodeLifecycleController.defaultHeartbeat
        let controllers = try ControlPlane.controllers(
            in: manager, only: only, seed: options.seed, heartbeat: heartbeat, schedulePeriod: options.schedulePeriodDuration)
        for controller in controllers {
            manager.add(controller)
        }
        // The progress line and summary read pods and nodes.
        _ = manager.informers.informer(Pod.self)
        _ = manager.informers.informer(Node.self)
        return manager
    }

    private func summary(_ manager: ControllerManager) -> ClusterSummary {
        ClusterSummary(
            pods: manager.informers.informer(Pod.self).objects(), nodes: manager.informers.informer(Node.self).objects())
    }

    private func runUntilIdle(store: any Store, start: EpochInstant) async throws {
        let clock = ManualClock(start: start)
        let manager = try await makeManager(store: store, clock: clock)
        let record = SimulationClockRecord(server: manager.server)
        let limit = options.limitDuration.map { start.advanced(by: $0) }
        let running = Task { try await manager.run() }
        let lastReport = Mutex(ContinuousClock.now)
        let quiet = options.quiet
        try await manager.runUntilIdle(on: clock, limit: limit) { now in
            // Once a second of real time: the progress line, and the simulated time saved.
            let due = lastReport.withLock { last in
                guard ContinuousClock.now - last > .seconds(1) else { return false }
                last = ContinuousClock.now
                return true
            }
            guard due else { return }
            try await record.save(now)
            if !quiet { progress(summary(manager).progressLine(at: now, since: start)) }
        }
        try await record.save(clock.now)
        let final = summary(manager)
        running.cancel()
        _ = await running.result
        print(final.report(from: start, to: clock.now))
        if options.stats { printStats(manager) }
    }

    private func runLive(store: any Store, start: EpochInstant) async throws {
        let clock = ScaledClock(scale: options.timeScale, start: start)
        // With --listen, the controllers' metrics are served at /metrics beside the API's.
        let metrics = options.listen.map { _ in ServerMetrics.forCluster() }
        let manager = try await makeManager(store: store, clock: clock, metricsFactory: metrics?.factory ?? MetricsSystem.factory)
        let reporter = ProgressReporter(
            manager: manager, clock: clock, start: start, quiet: options.quiet, limit: options.limitDuration,
            summary: summary)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: manager), .init(service: reporter, successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        // The API for kubectl, over the same API layer the controllers use.
        if let listen = options.listen, let (host, port) = ServeCommand.address(listen), let metrics {
            let prepared = try await serving.prepare(server: manager.server, location: global.location)
            services.append(.init(service: try prepared.application(server: manager.server, host: host, port: port, metrics: metrics)))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: Logger(label: "fermi.up")))
        try await group.run()
        try await SimulationClockRecord(server: manager.server).save(clock.now)
        print(summary(manager).report(from: start, to: clock.now))
        if options.stats { printStats(manager) }
    }

    private func printStats(_ manager: ControllerManager) {
        let lines = ControllerStats(
            names: manager.controllerNames, times: manager.reconcileTimes, failures: manager.failureCounts
        ).lines()
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

/// Writes `line` as the progress line: in place on a terminal, a line at a time otherwise.
func progress(_ line: String) {
    let inPlace = isatty(STDERR_FILENO) == 1
    FileHandle.standardError.write(Data((inPlace ? "\r\u{1B}[K\(line)" : "\(line)\n").utf8))
}

/// While the control plane runs live: the progress line every second, simulated time saved,
/// and the end of the run once `limit` of simulated time has passed.
struct ProgressReporter: ServiceLifecycle.Service {
    let manager: ControllerManager
    let clock: ScaledClock
    let start: EpochInstant
    let quiet: Bool
    let limit: Duration?
    let summary: @Sendable (ControllerManager) -> ClusterSummary

    func run() async throws {
        let record = SimulationClockRecord(server: manager.server)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            try? await record.save(clock.now)
            if !quiet { progress(summary(manager).progressLine(at: clock.now, since: start)) }
            if let limit, start.duration(to: clock.now) >= limit { return }
        }
    }
}
