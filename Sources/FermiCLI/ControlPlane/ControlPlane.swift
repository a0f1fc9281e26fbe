import FermiAPI
import FermiControllers
import FermiRuntime
import FermiSim

/// Every controller `fermi up` runs, by name, so `fermi controllers --only` can pick some.
enum ControlPlane {
    /// The controllers' names, in the order they are started.
    static let controllerNames = [
        GarbageCollector.name, PodGroupController.name, Scheduler.name, QueueStatusController.name,
        JobController.name, PyTorchJobController.name, SweepController.name, TrainingScheduleController.name,
        KueueScheduler.name, KueueJobController<Job>.name, KueueJobController<PyTorchJob>.name,
        InferenceServiceController.name, RevisionController.name, AutoscalerController.name,
        InstanceController.name, ExpiryController.name, AlluxioRuntimeController.name, DataLoadController.name,
        GitRepositoryController.name,
        NodePoolController.name, NodeLifecycleController.name, ZoneController.name, Kubelet.name, UsageRollup.name,
        FaultController.name, TrafficSimulator.name, ImageBuilder.name,
    ]

    /// The controllers named in `only` (all when nil) for `manager`; `seed` drives the
    /// simulation's random draws, and the scheduler runs at most one cycle a `schedulePeriod`.
    static func controllers(
        in manager: ControllerManager, only: Set<String>?, seed: UInt64, heartbeat: Duration?, schedulePeriod: Duration
    ) throws -> [Controller] {
        if let only {
            let unknown = only.subtracting(controllerNames)
            guard unknown.isEmpty else {
                throw ControlPlaneError.unknownControllers(unknown.sorted(), known: controllerNames)
            }
        }
        var controllers = [
            GarbageCollector.controller(in: manager), PodGroupController.controller(in: manager),
            Scheduler.controller(in: manager, schedulePeriod: schedulePeriod), QueueStatusController.controller(in: manager),
            JobController.controller(in: manager), PyTorchJobController.controller(in: manager),
            SweepController.controller(in: manager), TrainingScheduleController.controller(in: manager),
            KueueScheduler.controller(in: manager),
            KueueJobController<Job>.controller(in: manager),
            KueueJobController<PyTorchJob>.controller(in: manager),
            InferenceServiceController.controller(in: manager), RevisionController.controller(in: manager),
            AutoscalerController.controller(in: manager),
            InstanceController.controller(in: manager), ExpiryController.controller(in: manager),
            AlluxioRuntimeController.controller(in: manager), DataLoadController.controller(in: manager),
            GitRepositoryController.controller(in: manager),
        ]
        controllers += Simulator.controllers(in: manager, seed: seed, heartbeat: heartbeat)
        return controllers.filter { only?.contains($0.name) ?? true }
    }
}

/// A control plane that cannot start as asked.
enum ControlPlaneError: Error, CustomStringConvertible {
    case unknownControllers([String], known: [String])

    var description: String {
        switch self {
        case .unknownControllers(let names, let known):
            "unknown controller(s) \(names.joined(separator: ", ")); known: \(known.joined(separator: ", "))"
        }
    }
}
