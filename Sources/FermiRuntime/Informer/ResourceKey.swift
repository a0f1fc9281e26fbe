import FermiAPI

/// An object of any kind: its resource and its key.
public struct ResourceKey: Hashable, Sendable, CustomStringConvertible {
    public var resource: APIResource
    public var key: ObjectKey

    public init(resource: APIResource, key: ObjectKey) {
        self.resource = resource
        self.key = key
    }

    public var description: String { "\(resource.qualifiedName) \(key)" }
}
