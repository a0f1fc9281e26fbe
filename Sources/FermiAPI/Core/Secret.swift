/// A Secret (`v1`): credentials, keys and tokens that pods read as environment variables or
/// files, kept apart from ConfigMaps so that access to them can be restricted.
public struct Secret: APIObject {
    public static let resource = APIResource(
        group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true,
        hasStatus: false)

    public var apiVersion = Secret.resource.apiVersion
    public var kind = Secret.resource.kind
    public var metadata: ObjectMeta
    /// Values by key, base64-encoded.
    public var data: [String: String]?
    /// Values by key in plain text, for writing; a key here overrides the same key in `data`.
    public var stringData: [String: String]?
    /// What the secret holds, which fixes the keys it must have (default Opaque).
    public var type: String?
    /// When true, the data can no longer be changed, only the object deleted.
    public var immutable: Bool?

    public init(
        metadata: ObjectMeta, data: [String: String]? = nil, stringData: [String: String]? = nil,
        type: String? = nil, immutable: Bool? = nil
    ) {
        self.metadata = metadata
        self.data = data
        self.stringData = stringData
        self.type = type
        self.immutable = immutable
    }
}

/// The secret types upstream knows, and the keys each must carry.
public enum SecretType {
    /// Arbitrary user data.
    public static let opaque = "Opaque"
    /// A service account's token; needs the `kubernetes.io/service-account.name` annotation.
    public static let serviceAccountToken = "kubernetes.io/service-account-token"
    /// A legacy `.dockercfg` file.
    public static let dockercfg = "kubernetes.io/dockercfg"
    /// A `~/.docker/config.json` file.
    public static let dockerConfigJSON = "kubernetes.io/dockerconfigjson"
    /// `username` and `password`.
    public static let basicAuth = "kubernetes.io/basic-auth"
    /// `ssh-privatekey`.
    public static let sshAuth = "kubernetes.io/ssh-auth"
    /// `tls.crt` and `tls.key`.
    public static let tls = "kubernetes.io/tls"
    /// A bootstrap token.
    public static let bootstrapToken = "bootstrap.kubernetes.io/token"
}

extension Secret {
    /// Upstream's default: a secret without a type is Opaque.
    public mutating func setDefaults() {
        if (type ?? "").isEmpty { type = SecretType.opaque }
    }
}
