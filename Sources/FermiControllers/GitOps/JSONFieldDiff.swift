import FermiAPI

/// The paths of the fields in which two objects differ (`spec.parallelism`,
/// `metadata.labels.team`), ignoring what the store and controllers own: status, the
/// resource version and the like, and the last-applied annotation.
enum JSONFieldDiff {
    static let ignored: Set<String> = [
        "status", "metadata.resourceVersion", "metadata.generation", "metadata.uid", "metadata.creationTimestamp",
        "metadata.managedFields", "metadata.annotations.kubectl.kubernetes.io/last-applied-configuration",
    ]

    static func paths(from old: JSONValue, to new: JSONValue) -> [String] {
        var found: [String] = []
        walk(old, new, path: "", into: &found)
        return found.sorted()
    }

    private static func walk(_ old: JSONValue?, _ new: JSONValue?, path: String, into found: inout [String]) {
        if ignored.contains(path) { return }
        if case .object(let before)? = old, case .object(let after)? = new {
            for key in Set(before.keys).union(after.keys) {
                walk(before[key], after[key], path: path.isEmpty ? key : "\(path).\(key)", into: &found)
            }
            return
        }
        if old != new, !path.isEmpty { found.append(path) }
    }
}
