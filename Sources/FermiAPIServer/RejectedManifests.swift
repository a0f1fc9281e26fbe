/// Why `applyAll` wrote nothing: the manifests it could not apply, each with the server's
/// reason (most often `APIError.invalid`, naming the fields).
public struct RejectedManifests: Error, CustomStringConvertible {
    /// One manifest that could not be applied.
    public struct Failure: Sendable {
        /// The manifest's position in what `applyAll` was given.
        public var index: Int
        public var error: any Error
    }

    /// In the order the manifests were given.
    public var failures: [Failure]

    public var description: String {
        failures.map { String(describing: $0.error) }.joined(separator: "\n")
    }
}
