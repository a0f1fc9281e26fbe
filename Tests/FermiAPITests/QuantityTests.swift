import FermiAPI
import Foundation
import Testing

/// Quantities parse every Kubernetes form and compare exactly.
@Suite("Quantity")
struct QuantityTests {
    @Test(arguments: [
        ("500m", "0.5"), ("2Ti", "2199023255552"), ("16Gi", "17179869184"), ("1e3", "1000"),
        ("1.5k", "1500"), ("100n", "0.0000001"), ("8", "8"), ("-2", "-2"), ("1Ei", "1152921504606846976"),
    ])
    func parsesExactly(text: String, expected: String) throws {
        let quantity = try #require(Quantity(text))
        #expect(quantity.value == Decimal(string: expected))
        #expect(quantity.text == text)
    }

    @Test(arguments: ["", "abc", "1.2.3", "5Gb", "--1", "1e", "Gi", "5Xi", "5x", "5mi", "5Kii"])
    func rejectsWhatIsNotAQuantity(text: String) {
        #expect(Quantity(text) == nil)
    }

    @Test func comparesByValueNotText() throws {
        #expect(Quantity("1Gi") == Quantity("1024Mi"))
        #expect(Quantity("1000m") == Quantity("1"))
        #expect(try #require(Quantity("999m")) < #require(Quantity("1")))
        #expect(try #require(Quantity("1G")) < #require(Quantity("1Gi")))
        #expect(try #require(Quantity("1500m")).milliValue == 1500)
        #expect(try #require(Quantity("1500m")).integerValue == 2)
    }

    @Test(arguments: [
        ("8", "8.0"), ("500m", "0.5"), ("16Gi", "17179869184.0"), ("-2k", "-2e3"), ("+3", "3.000"),
        ("123456789012345678", "123456789012345678.0"), ("1234567890123456789Ki", "1264197519486419751.936e3"),
        ("-500m", "-0.5"), ("0m", "0"), ("-0", "0.0"), ("3n", "0.000000003"), ("7u", "7e-6"), ("5Mi", "5242880.0"),
        ("-7Ti", "-7696581394432.0"), ("9000000Ei", "10376293541461622784000000.0"), ("2E", "2e18"),
    ])
    func wholeNumbersEqualAndHashAsTheSameValueWrittenOtherwise(whole: String, written: String) throws {
        let fast = try #require(Quantity(whole))
        let general = try #require(Quantity(written))
        #expect(fast == general)
        #expect(fast.hashValue == general.hashValue)
    }

    @Test(arguments: [
        "8", "-2", "0", "500m", "1500m", "-250m", "16Gi", "7Ti", "3k", "2E", "5000n", "1000000n", "-1500u", "2000u",
        "9223372036854775", "123456789012345678", "1.5", "2e3", "0.0001",
    ])
    func milliValuesAreTheExactValueInThousandthsRoundedUp(text: String) throws {
        let quantity = try #require(Quantity(text))
        #expect(quantity.milliValue == Quantity.roundedUpMilli(quantity.value))
    }

    @Test func decodesNumbersAndStrings() throws {
        let decoded = try JSONDecoder().decode([String: Quantity].self, from: Data(#"{"a": 2, "b": "16Gi", "c": 0.5}"#.utf8))
        #expect(decoded["a"] == Quantity("2"))
        #expect(decoded["b"]?.text == "16Gi")
        #expect(decoded["c"] == Quantity("500m"))
        let encoded = try JSONEncoder().encode(decoded["b"])
        #expect(String(decoding: encoded, as: UTF8.self) == #""16Gi""#)
    }
}
