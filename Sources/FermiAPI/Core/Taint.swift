/// A mark on a node that repels pods which do not tolerate it, as `core/v1` `Taint`:
/// `nvidia.com/gpu=present:NoSchedule`.
public struct Taint: Codable, Hashable, Sendable {
    /// The taint's key, a qualified name (`node.kubernetes.io/unreachable`).
    public var key: String?
    /// The taint's value, a label value; may be empty.
    public var value: String?
    /// What happens to pods that do not tolerate the taint: NoSchedule, PreferNoSchedule or
    /// NoExecute.
    public var effect: String?
    /// When the taint was added; set for NoExecute taints.
    public var timeAdded: Timestamp?

    public init(
        key: String? = nil, value: String? = nil, effect: String? = nil, timeAdded: Timestamp? = nil
    ) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    /// `key=value:effect`, or `key:effect` without a value, as kubectl prints taints.
    public var summary: String {
        let value = self.value ?? ""
        return (key ?? "") + (value.isEmpty ? "" : "=\(value)") + ":" + (effect ?? "")
    }
}

/// The effects a taint can have.
public enum TaintEffect {
    /// New pods that do not tolerate the taint are not scheduled on the node.
    public static let noSchedule = "NoSchedule"
    /// The scheduler avoids the node for pods that do not tolerate the taint.
    public static let preferNoSchedule = "PreferNoSchedule"
    /// Pods that do not tolerate the taint are evicted, and new ones are not scheduled.
    public static let noExecute = "NoExecute"
    public static let all = [noSchedule, preferNoSchedule, noExecute]
}

extension Taint {
    /// Upstream's rules for a node's taints: qualified keys, label values, a known effect, and
    /// at most one taint per key and effect.
    public static func validate(_ taints: [Taint], at path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        var seen = Set<[String]>()
        for (index, taint) in taints.enumerated() {
            let itemPath = path.index(index)
            let key = taint.key ?? ""
            errors += NameRules.qualifiedName(key).map { .invalid(itemPath.child("key"), key, $0) }
            let value = taint.value ?? ""
            let valueProblems = NameRules.labelValue(value)
            if !valueProblems.isEmpty {
                errors.append(.invalid(itemPath.child("value"), value, valueProblems.joined(separator: ";")))
            }
            errors += validateEffect(taint.effect, at: itemPath.child("effect"))
            let pair = [key, taint.effect ?? ""]
            if seen.contains(pair) {
                errors.append(
                    FieldError(
                        .duplicate(value: FieldError.quoted(taint.summary)), itemPath,
                        "taints must be unique by key and effect pair"))
                continue
            }
            seen.insert(pair)
        }
        return errors
    }

    /// A taint's effect is required and one of the three upstream knows.
    static func validateEffect(_ effect: String?, at path: FieldPath) -> [FieldError] {
        guard let effect, !effect.isEmpty else { return [.required(path)] }
        return TaintEffect.all.contains(effect) ? [] : [.notSupported(path, effect, TaintEffect.all)]
    }
}
