/// What a reconcile asks of its work queue next.
public enum ReconcileResult: Sendable, Equatable {
    /// The object is as wanted: forget its failures and wait for the next change.
    case done
    /// Look again after `delay` on the controller's clock (a pod's next lifecycle step, a
    /// timeout), even if nothing changes meanwhile.
    case requeue(after: Duration)
}

/// Drives one object toward what it should be. Reconcilers read through informers and write
/// through the API server; a thrown error requeues the key with exponential backoff.
public protocol Reconciler: Sendable {
    /// What names the work: an object's namespace and name, usually.
    associatedtype Key: Hashable & Sendable = ObjectKey

    /// Brings the object `key` toward its wanted state (it may no longer exist).
    func reconcile(_ key: Key) async throws -> ReconcileResult
}
