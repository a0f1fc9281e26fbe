import Foundation

/// Where the next page of a list starts and the revision it is read at, as an opaque token
/// (base64 JSON, like Kubernetes' continue tokens).
struct ContinueToken: Codable, Sendable, Hashable {
    /// The revision every page of the list is read at.
    var revision: Int64
    /// The key after which the next page starts.
    var after: String

    private enum CodingKeys: String, CodingKey {
        case revision = "rv"
        case after = "start"
    }

    func encoded() -> String {
        // Encoding two plain fields cannot fail.
        let json = (try? JSONEncoder().encode(self)) ?? Data()
        return json.base64EncodedString()
    }

    /// Decodes a token and checks that it continues a list of `prefix`.
    init(decoding token: String, prefix: String) throws {
        guard let json = Data(base64Encoded: token),
            let decoded = try? JSONDecoder().decode(ContinueToken.self, from: json),
            decoded.after.hasPrefix(prefix), decoded.revision > 0
        else {
            throw StoreError.invalidContinueToken(token)
        }
        self = decoded
    }

    init(revision: Int64, after: String) {
        self.revision = revision
        self.after = after
    }
}

extension ListRequest {
    /// The revision to read at and the key to start after, from the token or the request.
    func resolvedStart() throws -> (revision: Int64?, after: String?) {
        if let continueToken {
            let token = try ContinueToken(decoding: continueToken, prefix: prefix)
            return (token.revision, token.after)
        }
        return (revision, nil)
    }

    /// The continue token for a page that ended at `lastKey` and has more after it.
    func nextToken(revision: Int64, lastKey: String?, hasMore: Bool) -> String? {
        guard hasMore, let lastKey else { return nil }
        return ContinueToken(revision: revision, after: lastKey).encoded()
    }
}
