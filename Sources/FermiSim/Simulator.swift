// FermiSim is the simulated cluster: node pools expanded into nodes, zones, the kubelet that
// runs pods through their lifecycle, behaviour models, faults and usage. Every part is a
// controller, watching the store through the API layer like any other.

import FermiRuntime

/// The simulated cluster's controllers, by name.
public enum Simulator {
    /// Every simulator controller for `manager`; random draws come from `seed`.
    public static func controllers(in manager: ControllerManager, seed: UInt64 = 0) -> [Controller] {
        [
            NodePoolController.controller(in: manager),
            NodeLifecycleController.controller(in: manager),
            ZoneController.controller(in: manager),
            Kubelet.controller(in: manager, seed: seed),
            UsageRollup.controller(in: manager),
            FaultController.controller(in: manager),
        ]
    }
}
