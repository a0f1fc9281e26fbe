import FermiAPI

/// Who owns which fields of an object (its `metadata.managedFields`), and how writes move
/// ownership, as server-side apply keeps it: an update gives the fields it changed to its
/// manager; an apply gives its manager exactly the fields in its configuration, refuses to
/// change a field another manager set to a different value unless forced, and removes the
/// fields its manager applied before and no longer applies, when no one else owns them.
struct FieldOwnership {
    static let apply = "Apply"
    static let update = "Update"

    /// One field another manager set to a value the apply would change.
    struct Conflict: Hashable {
        var manager: String
        var apiVersion: String?
        var path: [String]
    }

    private(set) var entries: [ManagedFieldsEntry]

    init(_ entries: [ManagedFieldsEntry]?) {
        self.entries = entries ?? []
    }

    /// The part of an object whose fields are owned: everything but what the server keeps
    /// (identity, versions, times, managedFields) and status, which the status subresource owns.
    static func trackedPart(of object: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        for name in ["apiVersion", "kind", "status"] { members[name] = nil }
        if case .object(var metadata)? = members["metadata"] {
            for name in [
                "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "managedFields", "generateName",
            ] {
                metadata[name] = nil
            }
            members["metadata"] = metadata.isEmpty ? nil : .object(metadata)
        }
        return .object(members)
    }

    /// After a create, update or patch by `manager` that turned `old` (nil on create) into
    /// `new` (both tracked parts): the changed fields are the manager's, and no one else's.
    mutating func recordUpdate(by manager: String, apiVersion: String, from old: JSONValue?, to new: JSONValue, at time: Timestamp) {
        let changed = FieldSet.changes(from: old ?? .object([:]), to: new).filter { !$0.isEmpty }
        guard !changed.isEmpty else { return }
        for index in entries.indices {
            var set = FieldSet(fieldsV1: entries[index].fieldsV1)
            for path in changed { set = set.removing(path[...]) }
            entries[index].fieldsV1 = set.fieldsV1
        }
        var mine = entry(of: manager, operation: Self.update)
        var set = FieldSet(fieldsV1: mine.fieldsV1)
        for path in changed where new.value(at: path[...]) != nil { set = set.adding(path[...]) }
        mine.fieldsV1 = set.fieldsV1
        mine.time = time
        mine.apiVersion = apiVersion
        replace(mine)
    }

    /// The fields of the configuration that other managers set and the apply would change:
    /// those whose value in `result` (the object as the apply leaves it, defaults filled in)
    /// differs from `current`. Comparing the defaulted result, not the configuration, keeps
    /// two managers applying the same list from conflicting over what defaulting added to it.
    func conflicts(applying configuration: JSONValue, by manager: String, from current: JSONValue, to result: JSONValue) -> [Conflict] {
        let applied = FieldSet(of: configuration)
        return entries.filter { !($0.manager == manager && $0.operation == Self.apply) }.flatMap { entry -> [Conflict] in
            let owned = FieldSet(fieldsV1: entry.fieldsV1)
            return applied.leaves.filter { path in
                owned.touches(path[...]) && result.value(at: path[...]) != current.value(at: path[...])
            }.map { Conflict(manager: entry.manager, apiVersion: entry.apiVersion, path: $0) }
        }
    }

    /// Takes the conflicting fields from their managers, as a forced apply does.
    mutating func release(_ conflicts: [Conflict]) {
        for conflict in conflicts {
            for index in entries.indices where entries[index].manager == conflict.manager {
                entries[index].fieldsV1 = FieldSet(fieldsV1: entries[index].fieldsV1).removing(conflict.path[...]).fieldsV1
            }
        }
    }

    /// The fields `manager` applied before, applies no longer, and no one else owns: the
    /// apply removes them from the object.
    func abandoned(by manager: String, applying configuration: JSONValue) -> [[String]] {
        let before = FieldSet(fieldsV1: entries.first { $0.manager == manager && $0.operation == Self.apply }?.fieldsV1)
        let now = FieldSet(of: configuration)
        let others = entries.filter { !($0.manager == manager && $0.operation == Self.apply) }.map { FieldSet(fieldsV1: $0.fieldsV1) }
        return before.leaves.filter { path in
            !now.touches(path[...]) && !others.contains { $0.touches(path[...]) }
        }
    }

    /// Gives `manager` exactly the fields of its configuration.
    mutating func recordApply(by manager: String, apiVersion: String, configuration: JSONValue, at time: Timestamp) {
        var mine = entry(of: manager, operation: Self.apply)
        mine.fieldsV1 = FieldSet(of: configuration).fieldsV1
        mine.time = time
        mine.apiVersion = apiVersion
        replace(mine)
    }

    /// The entries to store: those that still own something.
    var managedFields: [ManagedFieldsEntry]? {
        let owning = entries.filter { !FieldSet(fieldsV1: $0.fieldsV1).isEmpty }
        return owning.isEmpty ? nil : owning
    }

    private func entry(of manager: String, operation: String) -> ManagedFieldsEntry {
        entries.first { $0.manager == manager && $0.operation == operation && $0.subresource == nil }
            ?? ManagedFieldsEntry(manager: manager, operation: operation)
    }

    private mutating func replace(_ entry: ManagedFieldsEntry) {
        if let index = entries.firstIndex(where: { $0.manager == entry.manager && $0.operation == entry.operation && $0.subresource == nil }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
    }
}

/// An apply refused because other managers set fields it would change, as kube-apiserver
/// words it: `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using
/// scheduling.volcano.sh/v1beta1: .spec.weight`.
struct ApplyConflictError: Error, CustomStringConvertible {
    var conflicts: [FieldOwnership.Conflict]

    var description: String {
        let count = conflicts.count == 1 ? "1 conflict" : "\(conflicts.count) conflicts"
        let byManager = Dictionary(grouping: conflicts, by: \.manager)
        let parts = byManager.keys.sorted().map { manager -> String in
            let list = byManager[manager]!
            let using = list[0].apiVersion.map { " using \($0)" } ?? ""
            if list.count == 1 { return "conflict with \"\(manager)\"\(using): \(FieldSet.describe(list[0].path))" }
            return "conflicts with \"\(manager)\"\(using):\n" + list.map { "- \(FieldSet.describe($0.path))" }.joined(separator: "\n")
        }
        return "Apply failed with \(count): " + parts.joined(separator: "\n")
    }
}
