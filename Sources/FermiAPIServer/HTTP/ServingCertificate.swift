import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// The certificate the API is served with: one read from PEM files, or a self-signed one made
/// for loopback (`localhost`, `127.0.0.1`, `::1`) and kept beside the store, which clients
/// trust by naming the same file as their certificate authority.
public struct ServingCertificate: Sendable {
    /// The certificate chain's PEM file.
    public var certificatePath: String
    /// The private key's PEM file.
    public var keyPath: String

    public init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }

    /// The server's TLS settings with this certificate and key.
    public func tlsConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
    }

    /// The certificate's PEM text, for a kubeconfig's `certificate-authority-data`.
    public func certificatePEM() throws -> String {
        try String(contentsOfFile: certificatePath, encoding: .utf8)
    }

    /// The self-signed certificate in `directory` (`serving.crt`, `serving.key`), made now if
    /// missing or expired: ECDSA P-256, valid for a year for the loopback names. Validity is
    /// real time, not simulated time: TLS clients check it against their own clocks.
    public static func selfSigned(in directory: String, now: Date = Date()) throws -> ServingCertificate {
        let certificate = ServingCertificate(certificatePath: "\(directory)/serving.crt", keyPath: "\(directory)/serving.key")
        if let existing = try? Certificate(pemEncoded: certificate.certificatePEM()), existing.notValidAfter > now.addingTimeInterval(86_400) {
            return certificate
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            CommonName("fermi")
            OrganizationName("fermi self-signed")
        }
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames([
                .dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                .ipAddress(ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1]))),
            ])
        }
        let made = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(365 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
            issuerPrivateKey: Certificate.PrivateKey(key))
        try made.serializeAsPEM().pemString.write(toFile: certificate.certificatePath, atomically: true, encoding: .utf8)
        try key.pemRepresentation.write(toFile: certificate.keyPath, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: certificate.keyPath)
        return certificate
    }
}
