import FermiAPI
import FermiStore
import Foundation

/// How objects are stored: JSON with sorted keys, and the key's revision as resourceVersion.
enum ObjectCodec {
    static func encode(_ object: some APIObject) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(object)
    }

    static func decode<T: APIObject>(_ type: T.Type, from stored: KeyValue) throws -> T {
        var object = try JSONDecoder().decode(T.self, from: stored.value)
        object.metadata.resourceVersion = String(stored.modRevision)
        return object
    }
}
