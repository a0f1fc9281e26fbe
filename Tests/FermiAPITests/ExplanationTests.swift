import FermiAPI
import Testing

/// `explain` documents kinds and fields from the types' own doc comments.
@Suite("Explain")
struct ExplanationTests {
    @Test func aKindListsItsFieldsWithKubectlTypeNames() throws {
        let text = try Explanation.render(Queue.self, path: ["spec"])
        #expect(text.hasPrefix("GROUP:      scheduling.volcano.sh\nKIND:       Queue\nVERSION:    v1beta1\n\nFIELD: spec <QueueSpec>\n"))
        #expect(text.contains("  capability\t<map[string]Quantity>\n    The most the queue may use.\n"))
        #expect(text.contains("  extendClusters\t<[]QueueCluster>\n"))
        #expect(text.contains("  weight\t<integer>\n"))
    }

    @Test func scalarTypesHaveNoFields() throws {
        let text = try Explanation.render(Queue.self, path: ["spec", "capability"])
        #expect(!text.contains("FIELDS:"))
    }

    @Test func anUnknownFieldIsNamed() {
        #expect(throws: ExplainError.noSuchField("spec.nope", kind: "Queue")) {
            try Explanation.render(Queue.self, path: ["spec", "nope"])
        }
    }

    @Test func everyServedKindIsDocumented() {
        for kind in KindRegistry.served.kinds {
            let name = String(describing: kind)
            #expect(APIDocs.types[name] != nil, "\(name) has no generated docs: run hack/gen-api-docs.py")
            #expect(APIDocs.types[name]?.doc.isEmpty == false, "\(name) has no doc comment")
        }
    }
}
