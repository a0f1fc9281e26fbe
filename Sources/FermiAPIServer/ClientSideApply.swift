import FermiAPI
import Foundation

/// `kubectl apply`'s merge, worked out on values alone so that it runs the same in-process and
/// in a client over HTTP: the manifest is recorded in the last-applied annotation, and the
/// object becomes the live one with a three-way merge patch laid over it (fields the manifest
/// dropped since the last apply removed, fields it never set kept).
public enum ClientSideApply {
    /// The annotation holding the manifest last applied, as kubectl keeps it.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"

    /// `object` as it is applied: in `default` when its kind is namespaced and it names no
    /// namespace, carrying itself (without any older copy) in the last-applied annotation.
    public static func manifest<T: APIObject>(_ object: T) throws -> T {
        var manifest = object
        if T.resource.namespaced, manifest.namespace.isEmpty { manifest.metadata.namespace = "default" }
        manifest.metadata.annotations?[lastAppliedAnnotation] = nil
        if manifest.metadata.annotations?.isEmpty == true { manifest.metadata.annotations = nil }
        let applied = String(decoding: try JSONValueEncoder.encodeCompactJSONBytes(manifest), as: UTF8.self)
        manifest.metadata.annotations = (manifest.metadata.annotations ?? [:])
            .merging([lastAppliedAnnotation: applied]) { _, new in new }
        return manifest
    }

    /// `current` with `manifest` (from `manifest(_:)`) applied over it and defaulted; nil when
    /// the apply changes nothing. Status and system metadata are still the live object's: the
    /// API server keeps them on update.
    public static func merged<T: APIObject>(_ manifest: T, over current: T) throws -> T? {
        let original = current.metadata.annotations?[lastAppliedAnnotation]
            .flatMap { try? JSONParser.parse(Data($0.utf8)) }
        let live = JSONValue.encoding(current)
        let patch = MergePatch.threeWay(original: original, modified: JSONValue.encoding(manifest), current: live)
        var next = try JSONValueDecoder.decode(T.self, from: MergePatch.apply(patch, to: live))
        next.setDefaults()
        return JSONValue.encoding(next) == live ? nil : next
    }
}
