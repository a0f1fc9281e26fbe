import FermiAPI
import Testing

/// Field types as the API docs write them, parsed into what `explain` and the OpenAPI
/// schemas print.
@Suite("Field types")
struct FieldTypeTests {
    @Test func listsAndMapsNestAndOptionalityIsDropped() {
        #expect(FieldType("[Container]?") == .list(.named("Container")))
        #expect(FieldType("[String: Quantity]") == .map(.named("Quantity")))
        // The colon inside the inner brackets belongs to the element: a list of maps.
        #expect(FieldType("[[String: Int]]") == .list(.map(.named("Int"))))
        #expect(FieldType("[String: [String]]") == .map(.list(.named("String"))))
    }

    @Test func kubectlNamesFollowAliases() {
        #expect(FieldType("ResourceList?").kubectlName == "map[string]Quantity")
        #expect(FieldType("[String: [Int32]]").kubectlName == "map[string][]integer")
        #expect(FieldType("Timestamp").kubectlName == "string")
        #expect(FieldType("JSONValue").kubectlName == "Object")
    }

    @Test func onlyDocumentedStructsHaveFields() {
        #expect(FieldType("[Container]").hasFields)
        #expect(FieldType("[Container]").baseName == "Container")
        #expect(!FieldType("Quantity").hasFields)
        #expect(!FieldType("String").hasFields)
    }
}
