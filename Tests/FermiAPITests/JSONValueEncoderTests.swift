import FermiAPI
import Foundation
import Testing

/// The encoder writes what Foundation's `JSONEncoder` writes, keys sorted.
@Suite("JSON value encoder")
struct JSONValueEncoderTests {
    /// Writes `name` twice, the second time over the first, and a nested object under `spec`.
    private struct RepeatedKey: Encodable {
        enum CodingKeys: String, CodingKey { case name, spec, zone }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("first", forKey: .zone)
            try container.encode("before", forKey: .name)
            var spec = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .spec)
            try spec.encode(1, forKey: .zone)
            try container.encode("after", forKey: .name)
            // Asked for again, the nested container is the same one.
            var again = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .spec)
            try again.encode("b", forKey: .name)
        }
    }

    @Test func aKeyWrittenTwiceKeepsItsLastValueAndKeysAreSorted() throws {
        let expected = #"{"name":"after","spec":{"name":"b","zone":1},"zone":"first"}"#
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try foundation.encode(RepeatedKey()), as: UTF8.self) == expected)
        #expect(String(decoding: try JSONValueEncoder.encodeCompactJSONBytes(RepeatedKey()), as: UTF8.self) == expected)
        #expect(JSONValue.compactJSONBytes(try JSONValueEncoder.encode(RepeatedKey())) == Array(expected.utf8))
    }

    /// Writes its members out of key order, one of them (an object) twice, with no nested
    /// containers: the streaming encoder's own path, which puts members in order when done.
    private struct OutOfOrder: Encodable {
        enum CodingKeys: String, CodingKey { case alpha, beta, spec, zeta }
        struct Spec: Encodable { var zone: String; var name: [Int] }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Spec(zone: "a", name: [1, 2]), forKey: .spec)
            try container.encode("z", forKey: .zeta)
            try container.encode(Spec(zone: "b", name: []), forKey: .alpha)
            try container.encodeNil(forKey: .beta)
            try container.encode(Spec(zone: "c", name: [3]), forKey: .spec)
        }
    }

    @Test func membersWrittenOutOfOrderAreSortedAndARepeatedKeyKeepsItsLastValue() throws {
        let expected = #"{"alpha":{"name":[],"zone":"b"},"beta":null,"spec":{"name":[3],"zone":"c"},"zeta":"z"}"#
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try foundation.encode(OutOfOrder()), as: UTF8.self) == expected)
        #expect(String(decoding: try JSONValueEncoder.encodeCompactJSONBytes(OutOfOrder()), as: UTF8.self) == expected)
        #expect(String(decoding: try JSONValueEncoder.encodeCompactJSONBytes([OutOfOrder(), OutOfOrder()]), as: UTF8.self) == "[\(expected),\(expected)]")
    }

    @Test func aRealObjectEncodesAsFoundationEncodesIt() throws {
        var pod = Pod(metadata: ObjectMeta(name: "trainer", labels: ["b": "2", "a": "1"]), spec: PodSpec(containers: [
            Container(name: "pytorch", image: "registry.example.com/train:1", resources: ResourceRequirements(limits: ["nvidia.com/gpu": "8", "cpu": "4"]))
        ]))
        pod.setDefaults()
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(try JSONValueEncoder.encodeCompactJSONBytes(pod) == Array(try foundation.encode(pod)))
    }

    @Test func everyPlacementOfAnEscapeInALongStringIsWrittenAsByteByByteEscapingWritesIt() throws {
        // Go's escapes: quote, backslash, \n, \r, \t by name, other control characters as \u00XX.
        func reference(_ text: String) -> String {
            var written = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": written += "\\\""
                case "\\": written += "\\\\"
                case "\n": written += "\\n"
                case "\r": written += "\\r"
                case "\t": written += "\\t"
                case _ where scalar.value < 0x20: written += String(format: "\\u%04x", scalar.value)
                default: written.unicodeScalars.append(scalar)
                }
            }
            return written + "\""
        }
        let special: [Character] = ["\"", "\\", "\n", "\u{1}", "\u{1f}", "é", "🚀", " ", "\u{7f}"]
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 31] {
            for position in 0...length {
                for character in special {
                    var text = String(repeating: "a", count: length)
                    text.insert(character, at: text.index(text.startIndex, offsetBy: position))
                    let bytes = JSONValue.compactJSONBytes(.string(text))
                    #expect(String(decoding: bytes, as: UTF8.self) == reference(text))
                    #expect(try JSONParser.parse(Data(bytes)) == .string(text))
                }
            }
        }
    }

    @Test func stringsAreEscapedAndReadBackAsTheyWere() throws {
        let text = "say \"hi\"\\ to\n\tthe \u{01}team\r: é🚀 {\"a\":\"b\"}"
        let bytes = JSONValue.compactJSONBytes(.object(["text": .string(text)]))
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"text":"say \"hi\"\\ to\n\tthe \u0001team\r: é🚀 {\"a\":\"b\"}"}"#)
        #expect(try JSONParser.parse(Data(bytes)) == .object(["text": .string(text)]))
    }
}
