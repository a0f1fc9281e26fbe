import FermiAPI
import Foundation
import Testing

/// The JSON parser reads what JSONDecoder reads, into the same values.
@Suite("JSON parser")
struct JSONParserTests {
    @Test func readsEveryKindOfValue() throws {
        let text = #"{"a": [1, -2, 3.5, 1e3, true, false, null], "s": "x\"y\\z\n\u00e9\ud83d\ude80", "o": {}, "l": []}"#
        let parsed = try JSONParser.parse(Data(text.utf8))
        #expect(parsed == .object([
            "a": .array([.integer(1), .integer(-2), .number(3.5), .number(1000), .bool(true), .bool(false), .null]),
            "s": .string("x\"y\\z\n\u{e9}\u{1F680}"), "o": .object([:]), "l": .array([]),
        ]))
        let stored = #"{"metadata": {"name": "q", "labels": {"a": "b"}}, "spec": {"weight": 4, "ratio": 0.5, "on": true}}"#
        #expect(try JSONParser.parse(Data(stored.utf8)) == JSONDecoder().decode(JSONValue.self, from: Data(stored.utf8)))
    }

    @Test func nestedObjectsKeepTheirOwnMembersAndANameWrittenTwiceKeepsItsLastValue() throws {
        let text = #"{"x": {"a": 1, "b": {"c": [{"d": 1}, {"e": 2, "e": 3}]}}, "a": 1, "a": 2, "z": {}}"#
        #expect(try JSONParser.parse(Data(text.utf8)) == .object([
            "x": .object(["a": .integer(1), "b": .object(["c": .array([.object(["d": .integer(1)]), .object(["e": .integer(3)])])])]),
            "a": .integer(2), "z": .object([:]),
        ]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "1 2"])
    func rejectsWhatIsNotJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data(text.utf8)) }
    }
}
