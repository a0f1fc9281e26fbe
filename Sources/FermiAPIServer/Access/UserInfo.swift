/// Who made a request, as an authenticator vouches for it: a user name, a uid, and groups.
public struct UserInfo: Hashable, Sendable {
    public var name: String
    public var uid: String
    public var groups: [String]

    public init(name: String, uid: String = "", groups: [String] = []) {
        self.name = name
        self.uid = uid
        self.groups = groups
    }

    /// Whoever sends no credentials, when anonymous requests are allowed.
    public static let anonymous = UserInfo(name: "system:anonymous", groups: [Groups.unauthenticated])

    /// The groups Kubernetes gives users by their standing.
    public enum Groups {
        /// Every user a credential vouched for.
        public static let authenticated = "system:authenticated"
        /// Requests without credentials, when allowed.
        public static let unauthenticated = "system:unauthenticated"
        /// Superusers: every request they make is allowed, whatever RBAC says.
        public static let masters = "system:masters"
    }
}
