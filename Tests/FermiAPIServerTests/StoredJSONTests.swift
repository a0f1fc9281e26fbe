import FermiAPI
@testable import FermiAPIServer
import Foundation
import Testing

/// Writing the resource version into stored bytes gives exactly what parsing the object,
/// setting the version and writing it out again gives, and leaves what it cannot read to the
/// parser.
@Suite("Stored JSON")
struct StoredJSONTests {
    // Written loosely here; stored as the store holds them, compact with sorted keys.
    static let objects: [String] = [
        // Every metadata member sorts before resourceVersion: it goes last.
        #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "namespace": "default"}}"#,
        // uid sorts after it: it goes between.
        #"{"kind": "Pod", "metadata": {"uid": "1-2", "annotations": {"x": "}{\"]"}, "name": "b"}, "spec": {"nodeName": "n"}}"#,
        // An old version is replaced.
        #"{"metadata": {"name": "c", "resourceVersion": "5", "uid": "u"}}"#,
        #"{"metadata": {"resourceVersion": "5"}}"#,
        // Empty metadata.
        #"{"metadata": {}}"#,
        // Members before metadata with nested metadata, escapes, brackets and every scalar.
        #"""
        {"apiVersion": "kubeflow.org/v1", "kind": "PyTorchJob",
         "data": {"metadata": "not it \" {", "list": [1, -2.5e3, true, false, null, {"metadata": {"name": "inner"}}]},
         "metadata": {"creationTimestamp": "2026-12-04T10:00:00Z", "generation": 3, "labels": {"a": "b"}, "name": "d"},
         "spec": {"template": {"metadata": {"labels": {"c": "d"}}}}}
        """#,
    ]

    @Test(arguments: objects)
    func theStampedBytesAreWhatTheParserWouldWrite(text: String) throws {
        let stored = Data(JSONValue.compactJSONBytes(try JSONParser.parse(Data(text.utf8))))
        let stamped = try #require(StoredJSON.stamping(stored, resourceVersion: "1234"))
        let expected = try Self.parsedAndStamped(stored, "1234")
        #expect(String(decoding: stamped, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test(arguments: [
        #"{"kind":"Pod"}"#, #"{ "metadata": {"name": "a"} }"#, #"{"metadata":{"na\"me":"a"}}"#, #"{"metadata":"a"}"#,
        #"{"metadata":{"name":"a""#, "", "[]",
    ])
    func whatItCannotReadIsLeftToTheParser(stored: String) {
        #expect(StoredJSON.stamping(Data(stored.utf8), resourceVersion: "7") == nil)
    }

    static func parsedAndStamped(_ stored: Data, _ resourceVersion: String) throws -> [UInt8] {
        guard case .object(var members) = try JSONParser.parse(stored), case .object(var metadata)? = members["metadata"] else {
            return []
        }
        metadata["resourceVersion"] = .string(resourceVersion)
        members["metadata"] = .object(metadata)
        return JSONValue.compactJSONBytes(.object(members))
    }
}
