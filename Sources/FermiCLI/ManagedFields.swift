import FermiAPI

/// `metadata.managedFields` are the server's record of who set which field: kubectl leaves
/// them out of what it prints and compares unless asked (`--show-managed-fields`).
enum ManagedFields {
    /// `object` without its managed fields.
    static func hidden(in object: JSONValue) -> JSONValue {
        guard case .object(var members) = object, case .object(var metadata)? = members["metadata"], metadata["managedFields"] != nil
        else { return object }
        metadata["managedFields"] = nil
        members["metadata"] = .object(metadata)
        return .object(members)
    }
}
