import Foundation

/// Who may do what through the HTTP API: bearer tokens say who is asking (no token is
/// refused unless anonymous requests are allowed; a wrong token always is), and RBAC says
/// whether they may.
public struct AccessControl: Sendable {
    /// What becomes of one request.
    public enum Decision: Sendable, Equatable {
        case allowed(UserInfo)
        /// 401: no credentials (with anonymous requests refused), or credentials that vouch for no one.
        case unauthenticated
        /// 403, with why, as the API server words it.
        case forbidden(String)
    }

    /// Who decides what an authenticated user may do.
    public enum Authorization: Sendable {
        /// Roles and bindings in the store, as kube-apiserver's `--authorization-mode=RBAC`.
        case rbac(RBACPolicyCache)
        /// Everything, for everyone authenticated.
        case alwaysAllow
    }

    public let tokens: TokenFile
    public let allowAnonymous: Bool
    public let authorization: Authorization

    public init(tokens: TokenFile, allowAnonymous: Bool = false, authorization: Authorization) {
        self.tokens = tokens
        self.allowAnonymous = allowAnonymous
        self.authorization = authorization
    }

    /// The RBAC cache to keep current while serving, if RBAC decides.
    public var policyCache: RBACPolicyCache? {
        if case .rbac(let cache) = authorization { return cache }
        return nil
    }

    /// Who sent the `Authorization` header, or nil when the request is to be refused as
    /// unauthenticated.
    public func user(authorization: String?) -> UserInfo? {
        guard let authorization, !authorization.isEmpty else { return allowAnonymous ? .anonymous : nil }
        return Self.bearerToken(in: authorization).flatMap { tokens.user(forToken: String($0)) }
    }

    /// The token of a `Bearer TOKEN` header: the scheme in any case, blanks around the token
    /// ignored. Read byte by byte, as every request carries one.
    static func bearerToken(in header: String) -> Substring? {
        guard let space = header.utf8.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let scheme = header.utf8[..<space]
        // ASCII letters compare without case once bit 0x20 is set.
        guard scheme.count == 6, zip(scheme, "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var token = header.utf8[header.utf8.index(after: space)...]
        while let first = token.first, isBlank(first) { token = token.dropFirst() }
        while let last = token.last, isBlank(last) { token = token.dropLast() }
        return token.isEmpty ? nil : Substring(token)
    }

    /// The decision on a request carrying `authorization` that asks for `request`.
    public func decide(authorization: String?, request: RequestAttributes) async -> Decision {
        guard let user = user(authorization: authorization) else { return .unauthenticated }
        switch self.authorization {
        case .alwaysAllow: return .allowed(user)
        case .rbac(let cache):
            return await cache.current().allows(user, request) ? .allowed(user) : .forbidden(request.forbiddenMessage(for: user))
        }
    }
}
