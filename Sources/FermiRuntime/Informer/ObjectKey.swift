import FermiAPI

/// Which object a controller is asked to reconcile: its namespace (empty for cluster-scoped
/// kinds) and name, written `namespace/name` as client-go writes keys.
public struct ObjectKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var namespace: String
    public var name: String

    public init(namespace: String = "", name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// The key of `object`. Generic, not `any APIObject`: boxing a pod in an existential
    /// copies the whole pod, and keys are made for every pod in every cycle.
    public init<Object: APIObject>(_ object: Object) {
        self.init(namespace: object.metadata.namespace ?? "", name: object.metadata.name ?? "")
    }

    public var description: String {
        namespace.isEmpty ? name : "\(namespace)/\(name)"
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}
