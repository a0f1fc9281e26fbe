/// A ConfigMap (`v1`): configuration that pods read as environment variables or files.
public struct ConfigMap: APIObject {
    public static let resource = APIResource(
        group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", shortNames: ["cm"],
        namespaced: true, hasStatus: false)

    public var apiVersion = ConfigMap.resource.apiVersion
    public var kind = ConfigMap.resource.kind
    public var metadata: ObjectMeta
    /// UTF-8 values by key.
    public var data: [String: String]?
    /// Binary values by key, base64-encoded; no key may also be in `data`.
    public var binaryData: [String: String]?
    /// When true, the data can no longer be changed, only the object deleted.
    public var immutable: Bool?

    public init(
        metadata: ObjectMeta, data: [String: String]? = nil, binaryData: [String: String]? = nil,
        immutable: Bool? = nil
    ) {
        self.metadata = metadata
        self.data = data
        self.binaryData = binaryData
        self.immutable = immutable
    }
}

extension ConfigMap {
    /// ConfigMaps have no defaults upstream.
    public mutating func setDefaults() {}
}
