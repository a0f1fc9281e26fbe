import AsyncHTTPClient
import NIOCore
import NIOSSL
import Synchronization

/// The HTTP clients remote APIs share, one per way of trusting servers, made on first use and
/// kept for the life of the process, as the etcd store keeps its one: a client must be shut
/// down before it is let go, and a command that made a few requests simply exits.
enum SharedHTTPClients {
    /// Which servers a client trusts: those signed by a certificate authority (PEM), those the
    /// system trusts (none given), or any at all.
    struct Trust: Hashable {
        var certificateAuthority: String?
        var skipVerification: Bool
    }

    private static let clients = Mutex<[Trust: HTTPClient]>([:])

    static func client(for trust: Trust) throws -> HTTPClient {
        try clients.withLock { clients in
            if let client = clients[trust] { return client }
            var tls = TLSConfiguration.makeClientConfiguration()
            if trust.skipVerification {
                tls.certificateVerification = .none
            } else if let authority = trust.certificateAuthority {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(authority.utf8)))
            }
            // Watches each hold a connection for as long as they run.
            var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
            // As kubectl, a server that refuses the connection or fails the TLS handshake is
            // said at once, not retried until the connect timeout.
            pool.retryConnectionEstablishment = false
            let client = HTTPClient(
                eventLoopGroup: HTTPClient.defaultEventLoopGroup,
                configuration: HTTPClient.Configuration(tlsConfiguration: tls, connectionPool: pool))
            clients[trust] = client
            return client
        }
    }
}
