import FermiAPI
import Foundation

/// `kubectl apply`'s merge, worked out on values alone so that it runs the same in-process and
/// in a client over HTTP: the manifest is recorded in the last-applied annotation, and the
/// object becomes the live one with a three-way merge patch laid over it (fields the manifest
/// dropped since the last apply removed, fields it never set kept).
public enum ClientSideApply {
    /// The annotation holding the manifest last applied, as kubectl keeps it.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// `object` as it is applied, and the configuration it records as last applied.
    ///
    /// The object goes in `default` when its kind is namespaced and it names no namespace,
    /// and carries the configuration in the last-applied annotation. The configuration is what
    /// kubectl records: the manifest as its file wrote it (`document`: unknown fields and all,
    /// numbers as written), else as the object encodes; in the namespace the object is applied
    /// in, without any older record.
    public static func manifest<T: APIObject>(_ object: T, writtenAs document: JSONValue?) -> (object: T, configuration: JSONValue) {
        let configuration = configuration(of: object, writtenAs: document)
        var manifest = object
        if T.resource.namespaced, manifest.namespace.isEmpty { manifest.metadata.namespace = "default" }
        manifest.metadata.annotations = (manifest.metadata.annotations ?? [:])
            .merging([lastAppliedAnnotation: recorded(configuration)]) { _, new in new }
        return (manifest, configuration)
    }

    /// The configuration `manifest(_:writtenAs:)` records.
    private static func configuration<T: APIObject>(of object: T, writtenAs document: JSONValue?) -> JSONValue {
        guard case .object(var members) = document ?? JSONValue.encoding(object) else { return .object([:]) }
        var metadata = members["metadata"]?.objectValue ?? [:]
        if T.resource.namespaced { metadata["namespace"] = .string(object.namespace.isEmpty ? "default" : object.namespace) }
        if case .object(var annotations)? = metadata["annotations"] {
            annotations[lastAppliedAnnotation] = nil
            metadata["annotations"] = annotations.isEmpty ? nil : .object(annotations)
        }
        members["metadata"] = .object(metadata)
        return .object(members)
    }

    /// `current` with `manifest` (from `manifest(_:writtenAs:)`, recording `configuration`)
    /// applied over it and defaulted; nil when the apply changes nothing. As kubectl's, the
    /// patch is worked out from the configurations (the one last applied and the new one,
    /// carrying its own record), not from the typed objects. Status and system metadata are
    /// still the live object's: the API server keeps them on update.
    public static func merged<T: APIObject>(_ manifest: T, configuration: JSONValue, over current: T) throws -> T? {
        let original = current.metadata.annotations?[lastAppliedAnnotation]
            .flatMap { try? JSONParser.parse(Data($0.utf8)) }
        let live = JSONValue.encoding(current)
        let record = manifest.metadata.annotations?[lastAppliedAnnotation] ?? recorded(configuration)
        let patch = MergePatch.threeWay(original: original, modified: recording(configuration, as: record), current: live)
        var next = try JSONValueDecoder.decode(T.self, from: MergePatch.apply(patch, to: live))
        next.setDefaults()
        return JSONValue.encoding(next) == live ? nil : next
    }

    /// The annotation's text: compact JSON, keys sorted, as kubectl writes it.
    private static func recorded(_ configuration: JSONValue) -> String {
        String(decoding: JSONValue.compactJSONBytes(configuration), as: UTF8.self)
    }

    /// `configuration` carrying itself (`record`, its text) in the last-applied annotation:
    /// what kubectl diffs against the live object, so that the patch moves the record too.
    private static func recording(_ configuration: JSONValue, as record: String) -> JSONValue {
        guard case .object(var members) = configuration else { return configuration }
        var metadata = members["metadata"]?.objectValue ?? [:]
        var annotations = metadata["annotations"]?.objectValue ?? [:]
        annotations[lastAppliedAnnotation] = .string(record)
        metadata["annotations"] = .object(annotations)
        members["metadata"] = .object(metadata)
        return .object(members)
    }
}
