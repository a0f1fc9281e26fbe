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

    /// The steps from the root, in order.
    public var steps: [Step] {
        var steps: [Step] = []
        steps.reserveCapacity(last?.depth ?? 0)
        var link = last
        while let current = link {
            steps.append(current.step)
            link = current.parent
        }
        return steps.reversed()
    }

    /// The path is kept as its last step linked to its parent's, so that a child path (made
    /// for every field validation visits, error or not) costs one small allocation.
    private final class Link: Sendable {
        let parent: Link?
        let step: Step
        let depth: Int

        init(parent: Link?, step: Step) {
            self.parent = parent
            self.step = step
            depth = (parent?.depth ?? 0) + 1
        }
    }

    private let last: Link?

    private init(last: Link?) {
        self.last = last
    }

    public init(_ steps: [Step] = []) {
        last = steps.reduce(nil) { Link(parent: $0, step: $1) }
    }

    /// A path of named fields, e.g. `FieldPath("spec", "replicas")`.
    public init(_ fields: String...) {
        self.init(fields.map(Step.field))
    }

    /// The path `description` prints, read back: `spec.containers[0].env[app.kubernetes.io/name]`.
    /// A bracket holding digits is a position in a list, anything else a map key (which may
    /// hold dots).
    public init(parsing text: String) {
        var steps: [Step] = []
        var name = ""
        var rest = Substring(text)
        while let character = rest.first {
            rest = rest.dropFirst()
            switch character {
            case ".":
                if !name.isEmpty { steps.append(.field(name)) }
                name = ""
            case "[":
                if !name.isEmpty { steps.append(.field(name)) }
                name = ""
                let inside = rest.prefix { $0 != "]" }
                rest = rest.dropFirst(inside.count + 1)
                steps.append(Int(inside).map(Step.index) ?? .key(String(inside)))
            default:
                name.append(character)
            }
        }
        if !name.isEmpty { steps.append(.field(name)) }
        self.init(steps)
    }

    public func child(_ name: String) -> FieldPath {
        FieldPath(last: Link(parent: last, step: .field(name)))
    }

    public func index(_ position: Int) -> FieldPath {
        FieldPath(last: Link(parent: last, step: .index(position)))
    }

    public func key(_ key: String) -> FieldPath {
        FieldPath(last: Link(parent: last, step: .key(key)))
    }

    public static func == (left: FieldPath, right: FieldPath) -> Bool {
        left.steps == right.steps
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(steps)
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
