/// Setting conditions as upstream's `meta.SetStatusCondition` does: a condition whose status
/// is unchanged keeps its transition time; a new or changed one takes `now`.
public enum Conditions {
    /// `conditions` with `condition` set in place of any of its type.
    public static func setting(_ conditions: [Condition], _ condition: Condition, now: Timestamp) -> [Condition] {
        var result = conditions
        var condition = condition
        if let index = result.firstIndex(where: { $0.type == condition.type }) {
            let existing = result[index]
            condition.lastTransitionTime =
                existing.status == condition.status ? existing.lastTransitionTime ?? now : now
            result[index] = condition
        } else {
            condition.lastTransitionTime = now
            result.append(condition)
        }
        return result
    }

    /// The condition of `type`, if set.
    public static func find(_ type: String, in conditions: [Condition]?) -> Condition? {
        conditions?.first { $0.type == type }
    }
}
