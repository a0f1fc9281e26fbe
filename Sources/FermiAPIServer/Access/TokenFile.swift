import Foundation

/// Bearer tokens from a file, as kube-apiserver's `--token-auth-file` reads it: one CSV line
/// per token, `token,user,uid` and optionally a quoted, comma-separated list of groups
/// (`"team-a,ml"`). Blank lines and lines starting with `#` are skipped.
public struct TokenFile: Sendable {
    /// What a line of the file failed on.
    public struct ParseError: Error, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var reason: String
        public var description: String { "\(path):\(line): \(reason)" }
    }

    private let users: [String: UserInfo]

    public init(users: [String: UserInfo]) {
        self.users = users
    }

    /// Reads the file at `path`; a malformed line is an error naming the file and line.
    public init(contentsOf path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var users: [String: UserInfo] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = Self.csvFields(line)
            guard fields.count >= 3, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw ParseError(path: path, line: index + 1, reason: "expected token,user,uid[,\"group1,group2\"]")
            }
            guard users[fields[0]] == nil else { throw ParseError(path: path, line: index + 1, reason: "duplicate token") }
            let groups = fields.count > 3 ? fields[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : []
            users[fields[0]] = UserInfo(name: fields[1], uid: fields[2], groups: groups.filter { !$0.isEmpty })
        }
        self.users = users
    }

    /// The user a bearer token stands for, with the `system:authenticated` group added.
    public func user(forToken token: String) -> UserInfo? {
        guard var user = users[token] else { return nil }
        if !user.groups.contains(UserInfo.Groups.authenticated) { user.groups.append(UserInfo.Groups.authenticated) }
        return user
    }

    /// The token of the user named `name`, if the file has one.
    public func token(ofUser name: String) -> String? {
        users.filter { $0.value.name == name }.keys.sorted().first
    }

    /// A new random token (32 bytes, hex) from the system's secure generator.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// The line that gives `user` the `token`.
    public static func line(token: String, user: UserInfo) -> String {
        let head = "\(token),\(user.name),\(user.uid)"
        return user.groups.isEmpty ? head : "\(head),\"\(user.groups.joined(separator: ","))\""
    }

    /// Splits one CSV line, honouring double quotes (which may hold commas).
    private static func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        for character in line {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted:
                fields.append(field.trimmingCharacters(in: .whitespaces))
                field = ""
            default: field.append(character)
            }
        }
        fields.append(field.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
