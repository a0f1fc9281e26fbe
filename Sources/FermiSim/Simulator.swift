// FermiSim is the simulated cluster: node pools expanded into nodes, zones, the kubelet that
// runs pods through their lifecycle, behaviour models, faults and usage. Every part is a
// controller, watching the store through the API layer like any other.

import FermiRuntime

/// The simulated cluster's controllers, by name.
public enum Simulator {
    /// Every simulator controller for `manager`; random draws come from `seed`; nodes post a
    /// heartbeat every `heartbeat` (none in discrete-event runs).
    public static func controllers(
        in manager: ControllerManager, seed: UInt64 = 0, heartbeat: Duration? = nil
    ) -> [Controller] {
        [
            NodePoolController.controller(in: manager),
            NodeLifecycleController.controller(in: manager, heartbeat: heartbeat),
            ZoneController.controller(in: manager),
            Kubelet.controller(in: manager, seed: seed),
            UsageRollup.controller(in: manager),
            FaultController.controller(in: manager),
            TrafficSimulator.controller(in: manager, seed: seed),
            ImageBuilder.controller(in: manager),
        ]
    }
}
