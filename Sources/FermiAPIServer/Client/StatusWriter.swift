import FermiAPI

/// Writes objects' status through the status subresource, as controller-runtime's
/// `client.StatusWriter`: status takes its own path, apart from spec and metadata.
public protocol StatusWriter: Sendable {
    /// Writes only the status of an object; with a resourceVersion set, only if the object is
    /// still at it.
    func updateStatus<T: APIObject>(_ object: T) async throws -> T
}
