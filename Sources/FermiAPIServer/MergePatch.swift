import FermiAPI

/// JSON merge patches (RFC 7386) and the three-way patch `kubectl apply` computes from the
/// last applied manifest, the new manifest and the live object.
public enum MergePatch {
    /// `target` with `patch` applied: objects merge member by member, null removes a member,
    /// anything else replaces.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var members = target.objectValue ?? [:]
        for (key, change) in changes {
            if change == .null {
                members[key] = nil
            } else {
                members[key] = apply(change, to: members[key] ?? .null)
            }
        }
        return .object(members)
    }

    /// The patch that takes `current` to what `modified` asks for, removing what `original`
    /// (the last applied manifest) had and `modified` no longer has. Fields that neither
    /// manifest mentions — status, defaults, fields controllers wrote — are left alone.
    public static func threeWay(original: JSONValue?, modified: JSONValue, current: JSONValue)
        -> JSONValue
    {
        var patch = changes(from: current, to: modified).objectValue ?? [:]
        if let original {
            merge(removals(from: original, to: modified), into: &patch)
        }
        return .object(patch)
    }

    /// Members of `modified` that differ from `current`, recursively for objects.
    private static func changes(from current: JSONValue, to modified: JSONValue) -> JSONValue {
        guard case .object(let wanted) = modified else { return modified }
        let live = current.objectValue ?? [:]
        var patch: [String: JSONValue] = [:]
        for (key, value) in wanted where live[key] != value {
            if case .object = value, case .object = live[key] ?? .null {
                patch[key] = changes(from: live[key]!, to: value)
            } else {
                patch[key] = value
            }
        }
        return .object(patch)
    }

    /// Nulls for members `original` had and `modified` dropped, recursively for objects.
    private static func removals(from original: JSONValue, to modified: JSONValue) -> JSONValue {
        guard case .object(let old) = original, case .object(let new) = modified else {
            return .object([:])
        }
        var patch: [String: JSONValue] = [:]
        for (key, value) in old {
            guard let kept = new[key] else {
                patch[key] = .null
                continue
            }
            if case .object = value, case .object = kept {
                let nested = removals(from: value, to: kept)
                if nested != .object([:]) { patch[key] = nested }
            }
        }
        return .object(patch)
    }

    private static func merge(_ removals: JSONValue, into patch: inout [String: JSONValue]) {
        guard case .object(let members) = removals else { return }
        for (key, removal) in members {
            switch (removal, patch[key]) {
            case (.null, nil):
                patch[key] = .null
            case (.object, .object(var nested)?):
                merge(removal, into: &nested)
                patch[key] = .object(nested)
            case (.object, nil):
                patch[key] = removal
            default:
                break
            }
        }
    }
}
