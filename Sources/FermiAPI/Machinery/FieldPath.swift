/// The path of a field inside an object, printed as Kubernetes prints it:
/// `spec.pytorchReplicaSpecs.Worker.replicas`, `spec.containers[0].name`, `metadata.labels[app]`.
public struct FieldPath: Hashable, Sendable, CustomStringConvertible {
    /// One step of a path.
    public enum Step: Hashable, Sendable {
        /// A named field, or a key of a map whose values are structs (`.Worker`).
        case field(String)
        /// A position in a list (`[0]`).
        case index(Int)
        /// A key of a map of plain values (`[app]`).
        case key(String)
    }

    public var steps: [Step]

    public init(_ steps: [Step] = []) {
        self.steps = steps
    }

    /// A path of named fields, e.g. `FieldPath("spec", "replicas")`.
    public init(_ fields: String...) {
        steps = fields.map(Step.field)
    }

    public func child(_ name: String) -> FieldPath {
        FieldPath(steps + [.field(name)])
    }

    public func index(_ position: Int) -> FieldPath {
        FieldPath(steps + [.index(position)])
    }

    public func key(_ key: String) -> FieldPath {
        FieldPath(steps + [.key(key)])
    }

    public var description: String {
        var text = ""
        for step in steps {
            switch step {
            case .field(let name): text += text.isEmpty ? name : ".\(name)"
            case .index(let position): text += "[\(position)]"
            case .key(let key): text += "[\(key)]"
            }
        }
        return text
    }
}
