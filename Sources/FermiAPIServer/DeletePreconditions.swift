import FermiAPI

/// What must still hold of an object for a delete to go ahead, as `DeleteOptions.preconditions`:
/// its uid (it is the same object, not one made again under its name) and its resourceVersion
/// (no one changed it since it was read).
public struct DeletePreconditions: Hashable, Sendable {
    public var uid: String?
    public var resourceVersion: String?

    public init(uid: String? = nil, resourceVersion: String? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }

    /// Throws `preconditionFailed`, worded as the API server words it, when `object` differs.
    func check<T: APIObject>(_ object: T) throws {
        if let uid, uid != object.metadata.uid {
            throw APIError.preconditionFailed("UID in precondition: \(uid), UID in object meta: \(object.metadata.uid ?? "")")
        }
        if let resourceVersion, resourceVersion != object.metadata.resourceVersion {
            throw APIError.preconditionFailed(
                "ResourceVersion in precondition: \(resourceVersion), ResourceVersion in object meta: \(object.metadata.resourceVersion ?? "")")
        }
    }
}
