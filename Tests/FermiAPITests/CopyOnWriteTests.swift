import FermiAPI
import Foundation
import Testing

/// A pod's boxed metadata, spec and status behave as plain fields: copies change apart, and
/// JSON holds them as it would plain fields.
@Suite("Copy-on-write fields")
struct CopyOnWriteTests {
    static var pod: Pod {
        var pod = Pod(metadata: ObjectMeta(name: "trainer-0", namespace: "team-a"))
        pod.spec.containers = [Container(name: "pytorch", image: "pytorch/pytorch:2.3.0")]
        return pod
    }

    @Test func aChangedCopyLeavesTheOriginalAsItWas() {
        let original = Self.pod
        var copy = original
        copy.spec.nodeName = "a100-0"
        copy.metadata.labels = ["app": "trainer"]
        copy.status = PodStatus(phase: PodPhase.running)
        #expect(original.spec.nodeName == nil)
        #expect(original.metadata.labels == nil)
        #expect(original.status == nil)
        #expect(copy.spec.nodeName == "a100-0")
        #expect(copy.spec.containers?.first?.name == "pytorch")
        #expect(copy != original)
        var same = original
        same.spec.nodeName = nil
        #expect(same == original)
        #expect(same.hashValue == original.hashValue)
    }

    @Test func aPodWithoutStatusCodesWithoutOneAndReadsBackEqual() throws {
        let json = try JSONValueEncoder.encode(Self.pod)
        #expect(json["status"] == nil)
        #expect(json["spec"]?["containers"]?.arrayValue?.first?["name"]?.stringValue == "pytorch")
        #expect(json["metadata"]?["name"]?.stringValue == "trainer-0")
        let decoded = try JSONValueDecoder.decode(Pod.self, from: json)
        #expect(decoded == Self.pod)
        #expect(decoded.status == nil)

        var running = Self.pod
        running.status = PodStatus(phase: PodPhase.running)
        let text = try JSONEncoder().encode(running)
        let read = try JSONDecoder().decode(Pod.self, from: text)
        #expect(read.status?.phase == PodPhase.running)
        #expect(read == running)
    }

    @Test func aPodMissingItsSpecIsAnErrorNamingIt() {
        let json = Data(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}}"#.utf8)
        let error = #expect(throws: DecodingError.self) { try JSONDecoder().decode(Pod.self, from: json) }
        guard case .keyNotFound(let key, _)? = error else {
            Issue.record("expected a missing key, got \(String(describing: error))")
            return
        }
        #expect(key.stringValue == "spec")
    }
}
