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

    static let pods: [String] = [
        #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "uid": "u-1"}, "spec": {"containers": [{"name": "c"}], "schedulerName": "volcano"}}"#,
        #"{"kind": "Pod", "metadata": {"uid": "u-1"}, "spec": {"nodeName": null, "containers": [{"image": "x"}]}, "status": {"phase": "Pending"}}"#,
        #"{"kind": "Pod", "metadata": {"uid": "u-1"}, "spec": {}}"#,
        #"{"kind": "Pod", "metadata": {"uid": "u-1"}, "spec": {"affinity": {"nodeAffinity": {}}, "volumes": []}}"#,
    ]

    @Test(arguments: pods)
    func aBindingWrittenInTheBytesIsWhatTheParserWouldWrite(text: String) throws {
        let parsed = try JSONParser.parse(Data(text.utf8))
        let stored = Data(JSONValue.compactJSONBytes(parsed))
        let bound = try #require(try APIServer.bound(stored, uid: "u-1", to: "node-7"))
        guard case .object(var members) = parsed, case .object(var spec)? = members["spec"] else {
            Issue.record("not a pod: \(text)")
            return
        }
        spec["nodeName"] = .string("node-7")
        members["spec"] = .object(spec)
        #expect(String(decoding: bound, as: UTF8.self) == JSONValue.compactJSON(.object(members)))
        // Written loosely, the parser edits it, to the same end.
        #expect(try APIServer.bound(Data(text.utf8), uid: "u-1", to: "node-7") == bound)
    }

    @Test func aPodBoundAlreadyOrAnotherPodIsNotBound() throws {
        let bound = Data(#"{"metadata":{"uid":"u-1"},"spec":{"nodeName":"node-1"}}"#.utf8)
        let other = Data(#"{"metadata":{"uid":"u-2"},"spec":{}}"#.utf8)
        let noUID = Data(#"{"metadata":{"name":"p"},"spec":{}}"#.utf8)
        #expect(try APIServer.bound(bound, uid: "u-1", to: "node-7") == nil)
        #expect(try APIServer.bound(other, uid: "u-1", to: "node-7") == nil)
        #expect(try APIServer.bound(noUID, uid: "u-1", to: "node-7") == nil)
        #expect(try APIServer.bound(Data(#"{ "metadata": {"uid": "u-2"}, "spec": {} }"#.utf8), uid: "u-1", to: "node-7") == nil)
    }

    static let statusEdits: [(object: String, status: String?, labels: String?)] = [
        // A status replaced; labels set where there were none.
        (#"{"kind":"Pod","metadata":{"name":"p"},"spec":{},"status":{"phase":"Pending"}}"#, #"{"phase":"Running"}"#, #"{"a":"b"}"#),
        // A status added after every member; labels replaced.
        (#"{"kind":"Pod","metadata":{"labels":{"x":"y"},"name":"p"},"spec":{}}"#, #"{"phase":"Running","podIP":"10.0.0.1"}"#, #"{"a":"b"}"#),
        // The status removed from the end; labels removed from the front.
        (#"{"kind":"Pod","metadata":{"labels":{"x":"y"},"name":"p"},"spec":{},"status":{"phase":"Failed"}}"#, nil, nil),
        // The only members removed.
        (#"{"metadata":{"labels":{"x":"y"}},"status":{}}"#, nil, nil),
        // Removed from the middle: a member sorting after "status" at the top, after "labels" in metadata.
        (#"{"metadata":{"annotations":{},"labels":{"x":"y"},"name":"p"},"status":{"a":1},"zeta":true}"#, nil, nil),
        // Nothing to remove.
        (#"{"metadata":{"name":"p"},"spec":{}}"#, nil, nil),
    ]

    @Test(arguments: statusEdits.indices)
    func aMemberSetOrRemovedInTheBytesIsWhatTheParserWouldWrite(index: Int) throws {
        let edit = Self.statusEdits[index]
        let stored = JSONValue.compactJSONBytes(try JSONParser.parse(Data(edit.object.utf8)))
        let status = try edit.status.map { JSONValue.compactJSONBytes(try JSONParser.parse(Data($0.utf8))) }
        let labels = try edit.labels.map { JSONValue.compactJSONBytes(try JSONParser.parse(Data($0.utf8))) }
        let withStatus = try #require(StoredJSON.replacing("status", with: status, of: stored))
        let spliced = try #require(StoredJSON.replacing("labels", in: "metadata", with: labels, of: withStatus))
        guard case .object(var members) = try JSONParser.parse(Data(stored)), case .object(var metadata)? = members["metadata"] else {
            Issue.record("no metadata: \(edit.object)")
            return
        }
        members["status"] = try edit.status.map { try JSONParser.parse(Data($0.utf8)) }
        metadata["labels"] = try edit.labels.map { try JSONParser.parse(Data($0.utf8)) }
        members["metadata"] = .object(metadata)
        #expect(String(decoding: spliced, as: UTF8.self) == JSONValue.compactJSON(.object(members)))
    }

    @Test func aMemberIsNotSetInBytesItCannotRead() {
        #expect(StoredJSON.replacing("status", with: nil, of: Array(#"{ "status": {} }"#.utf8)) == nil)
        #expect(StoredJSON.replacing("labels", in: "metadata", with: nil, of: Array(#"{"spec":{}}"#.utf8)) == nil)
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
