/// A condition of any of upstream's shapes (metav1.Condition, JobCondition, PodGroup's): a
/// type, a status, and when the status last changed.
public protocol StatusCondition {
    var conditionType: String { get }
    var conditionStatus: String { get }
    var lastTransitionTime: Timestamp? { get set }
}

extension Condition: StatusCondition {
    public var conditionType: String { type }
    public var conditionStatus: String { status }
}

/// Setting conditions as upstream's `meta.SetStatusCondition` does: a condition whose status
/// is unchanged keeps its transition time; a new or changed one takes `now`.
public enum Conditions {
    /// `conditions` with `condition` set in place of any of its type.
    public static func setting<C: StatusCondition>(_ conditions: [C], _ condition: C, now: Timestamp) -> [C] {
        var result = conditions
        var condition = condition
        if let index = result.firstIndex(where: { $0.conditionType == condition.conditionType }) {
            let existing = result[index]
            condition.lastTransitionTime =
                existing.conditionStatus == condition.conditionStatus ? existing.lastTransitionTime ?? now : now
            result[index] = condition
        } else {
            condition.lastTransitionTime = now
            result.append(condition)
        }
        return result
    }

    /// The condition of `type`, if set.
    public static func find<C: StatusCondition>(_ type: String, in conditions: [C]?) -> C? {
        conditions?.first { $0.conditionType == type }
    }

    /// Whether the condition of `type` is True.
    public static func isTrue<C: StatusCondition>(_ type: String, in conditions: [C]?) -> Bool {
        find(type, in: conditions)?.conditionStatus == ConditionStatus.true
    }
}
