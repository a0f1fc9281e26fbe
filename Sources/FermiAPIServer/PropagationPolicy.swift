/// What happens to an object's dependents when it is deleted, as Kubernetes'
/// `propagationPolicy` (and kubectl's `--cascade`) says.
public enum PropagationPolicy: String, Sendable, CaseIterable {
    /// The object goes now; the garbage collector deletes its dependents after.
    case background = "Background"
    /// The dependents go first; the object stays, being deleted, until they are gone.
    case foreground = "Foreground"
    /// The dependents stay, their owner references to the object removed.
    case orphan = "Orphan"

    /// The finalizer that holds the object for the garbage collector, as upstream names it.
    public var finalizer: String? {
        switch self {
        case .background: nil
        case .foreground: Self.foregroundFinalizer
        case .orphan: Self.orphanFinalizer
        }
    }

    public static let foregroundFinalizer = "foregroundDeletion"
    public static let orphanFinalizer = "orphan"
}
