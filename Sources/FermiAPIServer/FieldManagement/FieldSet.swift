import FermiAPI

/// A set of an object's fields, as server-side apply tracks them: a tree of field names whose
/// leaves are the fields themselves (scalars, lists — taken whole, as CRDs' lists are atomic
/// — and empty maps). In `managedFields` it is written in the `FieldsV1` form,
/// `{"f:spec":{"f:weight":{}}}`.
struct FieldSet: Hashable, Sendable {
    private(set) var children: [String: FieldSet] = [:]

    init() {}

    /// The fields an object (or an apply configuration) sets; null members set nothing.
    init(of value: JSONValue) {
        guard case .object(let members) = value else { return }
        for (name, member) in members where member != .null {
            children[name] = FieldSet(of: member)
        }
    }

    /// The set a `FieldsV1` tree describes; entries other than `f:` fields are left out.
    init(fieldsV1: JSONValue?) {
        guard case .object(let members)? = fieldsV1 else { return }
        for (key, member) in members where key.hasPrefix("f:") {
            children[String(key.dropFirst(2))] = FieldSet(fieldsV1: member)
        }
    }

    var isEmpty: Bool { children.isEmpty }

    /// The `FieldsV1` tree of the set.
    var fieldsV1: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: children.map { ("f:\($0.key)", $0.value.fieldsV1) }))
    }

    /// Every field the set holds, as paths of names.
    var leaves: [[String]] {
        children.keys.sorted().flatMap { name -> [[String]] in
            let child = children[name]!
            return child.isEmpty ? [[name]] : child.leaves.map { [name] + $0 }
        }
    }

    /// Whether the set holds the field at `path` or a field inside it.
    func touches(_ path: ArraySlice<String>) -> Bool {
        guard let name = path.first else { return true }
        guard let child = children[name] else { return false }
        return child.isEmpty || child.touches(path.dropFirst())
    }

    /// The set with the field at `path` (and anything under it) taken out; maps left with
    /// nothing are taken out too.
    func removing(_ path: ArraySlice<String>) -> FieldSet {
        guard let name = path.first, let child = children[name] else { return self }
        var copy = self
        if path.count == 1 || child.isEmpty {
            copy.children[name] = nil
        } else {
            let rest = child.removing(path.dropFirst())
            copy.children[name] = rest.isEmpty ? nil : rest
        }
        return copy
    }

    /// The set with the field at `path` added.
    func adding(_ path: ArraySlice<String>) -> FieldSet {
        guard let name = path.first else { return self }
        var copy = self
        if path.count == 1 {
            copy.children[name] = FieldSet()
        } else if let child = children[name], child.isEmpty {
            return self
        } else {
            copy.children[name] = (children[name] ?? FieldSet()).adding(path.dropFirst())
        }
        return copy
    }

    /// The fields whose values differ between `old` and `new` (added, changed or removed),
    /// as paths: what an update changed.
    static func changes(from old: JSONValue?, to new: JSONValue?) -> [[String]] {
        switch (old, new) {
        case (.object(let before)?, .object(let after)?) where !before.isEmpty && !after.isEmpty:
            return Set(before.keys).union(after.keys).sorted().flatMap { name -> [[String]] in
                let was = before[name].flatMap { $0 == .null ? nil : $0 }
                let now = after[name].flatMap { $0 == .null ? nil : $0 }
                guard was != now else { return [] }
                return changes(from: was, to: now).map { [name] + $0 }
            }
        default:
            return old == new ? [] : [[]]
        }
    }

    /// The path as upstream prints it in conflicts: `.spec.weight`.
    static func describe(_ path: [String]) -> String {
        path.map { ".\($0)" }.joined()
    }
}

extension JSONValue {
    /// The value at a path of member names, if there is one.
    func value(at path: ArraySlice<String>) -> JSONValue? {
        guard let name = path.first else { return self }
        return self[name]?.value(at: path.dropFirst())
    }

    /// The value with the member at `path` removed.
    func removing(_ path: ArraySlice<String>) -> JSONValue {
        guard let name = path.first, case .object(var members) = self else { return self }
        if path.count == 1 {
            members[name] = nil
        } else if let member = members[name] {
            members[name] = member.removing(path.dropFirst())
        }
        return .object(members)
    }

    /// `self` with `overlay` laid over it: maps merge member by member, anything else (lists
    /// included) is replaced.
    func overlaid(with overlay: JSONValue) -> JSONValue {
        guard case .object(var members) = self, case .object(let upper) = overlay else { return overlay }
        for (name, value) in upper {
            members[name] = members[name].map { $0.overlaid(with: value) } ?? value
        }
        return .object(members)
    }
}
