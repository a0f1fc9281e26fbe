/// A kind with a `status` written only through the status subresource: the API layer
/// clears it on create and carries it over on updates of the main resource, directly on the
/// typed value rather than through its JSON.
public protocol StatusHavingObject: APIObject {
    associatedtype Status: Codable, Hashable, Sendable
    var status: Status? { get set }
}

extension StatusHavingObject {
    /// Takes `other`'s status when it is an object of the same kind.
    public mutating func takeStatus(of other: any APIObject) {
        if let other = other as? Self { status = other.status }
    }

    /// Removes the status: on create it is the controllers' to write, not the user's.
    public mutating func clearStatus() {
        status = nil
    }
}
