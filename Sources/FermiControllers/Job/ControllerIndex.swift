import FermiAPI
import FermiRuntime

/// Pods indexed by the uid of the object that controls them (their controller owner
/// reference), so a workload controller finds its pods without scanning every pod.
extension Informer where T == Pod {
    static var controllerIndex: String { "metadata.ownerReferences.controller" }

    /// Indexes pods by their controller's uid.
    public func indexByController() {
        addIndex(Self.controllerIndex) { pod in
            (pod.metadata.ownerReferences ?? []).filter { $0.controller == true }.map(\.uid)
        }
    }

    /// The pods whose controller has `uid`, ordered by key (needs `indexByController`).
    public func pods(controlledBy uid: String) -> [Pod] {
        objects(index: Self.controllerIndex, value: uid)
    }
}
