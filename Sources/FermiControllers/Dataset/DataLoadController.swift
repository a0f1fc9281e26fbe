import FermiAPI
import FermiAPIServer
import FermiRuntime
import Foundation

/// Fluid's DataLoad, simulated: once its dataset is bound, it copies the dataset (the
/// simulation knows its size, not its paths', so any target loads it whole) into the cache at the runtime's
/// bandwidth (`sim.fermi.dev/load-bandwidth` per ready worker), up to what the cache holds
/// below its high watermark. Phases Pending, Executing, Complete or Failed; how much it has
/// loaded is kept in `status.infos` (`loaded`, `target`, in bytes) for the runtime's
/// cacheStates.
public struct DataLoadController: Reconciler {
    public static let name = "dataload"
    static let loadedInfo = "loaded"
    static let targetInfo = "target"
    /// How often an executing load's progress is written.
    static let progressPeriod: Duration = .seconds(30)

    let server: APIServer
    let clock: any ControlClock
    let recorder: EventRecorder
    let loads: Informer<DataLoad>
    let datasets: Informer<Dataset>
    let runtimes: Informer<AlluxioRuntime>

    public static func controller(in manager: ControllerManager) -> Controller {
        let informers = manager.informers
        let queue = manager.makeQueue()
        let controller = DataLoadController(
            server: manager.server, clock: manager.clock,
            recorder: manager.eventRecorder(component: "dataload-controller"),
            loads: informers.informer(DataLoad.self), datasets: informers.informer(Dataset.self),
            runtimes: informers.informer(AlluxioRuntime.self))
        controller.loads.enqueueChanges(in: queue)
        let loads = controller.loads
        controller.datasets.onChange { event in
            for load in loads.unorderedObjects() where load.spec.dataset?.name == event.object.name { queue.add(ObjectKey(load)) }
        }
        return Controller(name: name, queue: queue, reconciler: controller)
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        // 1: Load it and its dataset.
        guard let load = loads.object(key), load.metadata.deletionTimestamp == nil else { return .done }
        var status = load.status ?? DataLoadStatus()
        if status.phase == "Complete" || status.phase == "Failed" { return .done }
        let now = Timestamp(clock.now.date)
        let target = ObjectKey(namespace: load.spec.dataset?.namespace ?? load.namespace, name: load.spec.dataset?.name ?? "")
        guard let dataset = datasets.object(target) else {
            status.phase = "Failed"
            status.conditions = Conditions.setting(
                status.conditions ?? [], Condition(type: "Failed", status: "True", reason: "DatasetNotFound", message: "dataset \(target) not found"),
                now: now)
            try await write(status, of: load)
            recorder.record(load, type: EventType.warning, reason: "DataLoadFailed", message: "dataset \(target) not found")
            return .done
        }
        // 2: Pending until the dataset is bound and its workers are ready.
        guard dataset.status?.phase == "Bound", let runtime = runtimes.object(target), (runtime.status?.workerNumberReady ?? 0) > 0 else {
            status.phase = "Pending"
            try await write(status, of: load)
            return .done
        }
        // 3: Executing: the target copied at the bandwidth of the ready workers.
        let started = status.lastScheduleTime ?? now
        if status.phase != "Executing" {
            status.phase = "Executing"
            status.lastScheduleTime = now
            recorder.record(load, reason: "DataLoadStarted", message: "Loading \(target) into its cache")
        }
        let size = AlluxioRuntimeController.size(of: dataset)
        // The simulation knows the dataset's size, not its paths': any target loads it whole.
        let wanted = size
        let room = CacheWorkers.quota(of: runtime) * Decimal(Int(runtime.status?.workerNumberReady ?? 0)) * CacheWorkers.highWatermark(of: runtime)
        let goal = min(wanted, room)
        let bandwidth = load.metadata.annotations?[FluidNames.bandwidthAnnotation].flatMap { Quantity($0)?.value }
            ?? runtime.metadata.annotations?[FluidNames.bandwidthAnnotation].flatMap { Quantity($0)?.value } ?? FluidNames.defaultBandwidth
        let rate = bandwidth * Decimal(Int(runtime.status?.workerNumberReady ?? 1))
        let elapsed = Decimal(now.secondsSince1970 - started.secondsSince1970)
        let loaded = min(goal, rate * elapsed)
        status.infos = [Self.loadedInfo: "\((loaded as NSDecimalNumber).int64Value)", Self.targetInfo: "\((wanted as NSDecimalNumber).int64Value)"]
        // 4: Complete when the goal is in the cache.
        guard loaded >= goal else {
            try await write(status, of: load)
            let left = ((goal - loaded) / rate as NSDecimalNumber).doubleValue
            return .requeue(after: min(Self.progressPeriod, .seconds(Int64(Foundation.ceil(left)))))
        }
        let took = now.secondsSince1970 - started.secondsSince1970
        status.phase = "Complete"
        status.duration = "\(took / 60)m\(took % 60)s"
        status.lastSuccessfulTime = now
        status.conditions = Conditions.setting(
            status.conditions ?? [],
            Condition(
                type: "Complete", status: "True", reason: "DataLoadJobComplete",
                message: "Loaded \(FluidNames.bytesText(loaded)) of \(FluidNames.bytesText(wanted)) into the cache"),
            now: now)
        try await write(status, of: load)
        recorder.record(load, reason: "DataLoadJobComplete", message: "Loaded \(FluidNames.bytesText(loaded)) in \(status.duration ?? "")")
        return .done
    }

    private func write(_ status: DataLoadStatus, of load: DataLoad) async throws {
        guard status != load.status else { return }
        var next = load
        next.status = status
        _ = try await server.updateStatus(next)
    }
}
