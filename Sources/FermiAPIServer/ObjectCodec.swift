import FermiAPI
import FermiStore
import Foundation

/// How objects are stored: JSON with sorted keys, and the key's revision as resourceVersion.
enum ObjectCodec {
    static func encode(_ object: some APIObject) throws -> Data {
        return Data(try JSONValueEncoder.encodeCompactJSONBytes(object))
    }

    static func decode<T: APIObject>(_ type: T.Type, from stored: KeyValue) throws -> T {
        var object = try JSONValueDecoder.decode(T.self, from: try JSONParser.parse(stored.value))
        object.metadata.resourceVersion = String(stored.modRevision)
        return object
    }
}
