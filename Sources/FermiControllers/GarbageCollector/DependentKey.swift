import FermiAPI
import FermiRuntime

/// An object of any kind, as the garbage collector queues it: its resource and key.
public struct DependentKey: Hashable, Sendable, CustomStringConvertible {
    public var resource: APIResource
    public var key: ObjectKey

    public var description: String { "\(resource.qualifiedName) \(key)" }
}
