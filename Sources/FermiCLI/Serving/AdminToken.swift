import FermiAPIServer
import Foundation

/// The token file Fermi makes when none is given: one token for `admin` in `system:masters`,
/// made once and kept (readable by its owner only) so kubeconfigs stay valid across restarts.
enum AdminToken {
    static let user = UserInfo(name: "admin", uid: "admin", groups: [UserInfo.Groups.masters])

    /// The admin token in the file at `path`, writing a new file when there is none.
    static func ensure(at path: String) throws -> String {
        if FileManager.default.fileExists(atPath: path) {
            let tokens = try TokenFile(contentsOf: path)
            if let token = tokens.token(ofUser: user.name) { return token }
        }
        let token = TokenFile.newToken()
        let text = "# Made by fermi: the admin token (system:masters). Add a line per user: token,user,uid,\"groups\".\n"
            + TokenFile.line(token: token, user: user) + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return token
    }
}
