import FermiAPI
@testable import FermiAPIServer
import Testing

/// A field error sent as a Status cause and read back reads as it did: the client prints what
/// the server found wrong, word for word.
@Suite("Field causes")
struct FieldCauseTests {
    static let path = FieldPath("spec").child("pytorchReplicaSpecs").child("Worker").child("template").child("spec")
        .child("containers").index(0).child("env").key("app.kubernetes.io/name")

    @Test func everyKindOfFieldErrorSurvivesTheRoundTrip() {
        let errors: [FieldError] = [
            FieldError(.required, Self.path),
            FieldError(.required, Self.path, "a queue must be named"),
            FieldError(.invalid(value: "-1"), Self.path, "must be >= 0"),
            FieldError(.invalid(value: "a: b"), Self.path),
            FieldError(.notSupported(value: "Sometimes", supported: ["Always", "Never"]), Self.path),
            FieldError(.forbidden, Self.path),
            FieldError(.forbidden, Self.path, "may not change"),
            FieldError(.duplicate(value: "gpu"), Self.path),
            FieldError(.tooLong(maximum: 63), Self.path),
            FieldError(.tooMany(count: 9, maximum: 8), Self.path),
        ]
        for error in errors {
            let cause = FieldCause.cause(of: error)
            let read = FieldCause.fieldError(from: cause)
            #expect(read.description == error.description)
            #expect(read.field == error.field)
            if case .invalid = error.kind { continue }
            // Only an invalid value's detail cannot be told from its value; the rest read back whole.
            #expect(read == error)
        }
    }

    @Test func aPathReadsBackAsItPrints() {
        #expect(FieldPath(parsing: Self.path.description) == Self.path)
        #expect(FieldPath(parsing: "spec.weight") == FieldPath("spec", "weight"))
        #expect(FieldPath(parsing: "") == FieldPath())
    }
}
