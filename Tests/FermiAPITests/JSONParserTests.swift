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

    @Test func wholeNumbersAreIntegersUntilTheyNoLongerFitAnInt64() throws {
        let text = #"[0, -0, 7, -42, 999999999999999999, 9223372036854775807, -9223372036854775808, 9223372036854775808, 1.0, 2e2]"#
        #expect(try JSONParser.parse(Data(text.utf8)) == .array([
            .integer(0), .integer(0), .integer(7), .integer(-42), .integer(999_999_999_999_999_999), .integer(.max), .integer(.min),
            .number(9_223_372_036_854_775_808), .number(1), .number(200),
        ]))
    }

    @Test(arguments: ["", "{", "[1,]", "-", "1-2", "[1.2.3]", "{\"a\" 1}", "tru", "\"open", "1 2"])
    func rejectsWhatIsNotJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data(text.utf8)) }
    }
}
