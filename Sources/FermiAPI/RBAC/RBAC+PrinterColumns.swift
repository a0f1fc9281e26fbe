extension Role {
    /// NAME CREATED AT, as kubectl prints roles.
    public static var printerColumns: [PrinterColumn] { [RBACColumns.createdAt] }
}

extension ClusterRole {
    /// NAME CREATED AT, as kubectl prints cluster roles.
    public static var printerColumns: [PrinterColumn] { [RBACColumns.createdAt] }
}

extension RoleBinding {
    /// NAME ROLE AGE; wide: USERS GROUPS SERVICEACCOUNTS.
    public static var printerColumns: [PrinterColumn] { RBACColumns.binding(namespaced: true) }
}

extension ClusterRoleBinding {
    /// NAME ROLE AGE; wide: USERS GROUPS SERVICEACCOUNTS.
    public static var printerColumns: [PrinterColumn] { RBACColumns.binding(namespaced: false) }
}

/// The columns kubectl prints for the RBAC kinds.
enum RBACColumns {
    static let createdAt = PrinterColumn("Created At", jsonPath: ".metadata.creationTimestamp")

    static func binding(namespaced: Bool) -> [PrinterColumn] {
        [
            PrinterColumn("Role") { binding, _ in
                guard let kind = binding.string(at: "roleRef.kind"), let name = binding.string(at: "roleRef.name") else { return nil }
                return "\(kind)/\(name)"
            },
            .age,
            subjects("Users", kind: "User", namespaced: namespaced),
            subjects("Groups", kind: "Group", namespaced: namespaced),
            subjects("ServiceAccounts", kind: "ServiceAccount", namespaced: namespaced),
        ]
    }

    /// The subjects of one kind, comma-separated; service accounts as `namespace/name`.
    private static func subjects(_ header: String, kind: String, namespaced: Bool) -> PrinterColumn {
        PrinterColumn(header, priority: 1) { binding, _ in
            let names = binding.items(at: "subjects").filter { $0["kind"]?.stringValue == kind }.map { subject in
                let name = subject["name"]?.stringValue ?? ""
                guard kind == "ServiceAccount" else { return name }
                return "\(subject["namespace"]?.stringValue ?? "")/\(name)"
            }
            return names.isEmpty ? "" : names.joined(separator: ", ")
        }
    }
}
