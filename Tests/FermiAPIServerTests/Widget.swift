import FermiAPI

/// A small namespaced kind with spec and status, for testing the API layer on its own.
struct Widget: APIObject {
    static let resource = APIResource(
        group: "test.fermi.dev", version: "v1", kind: "Widget", plural: "widgets",
        shortNames: ["wd"], namespaced: true)

    var apiVersion = Widget.resource.apiVersion
    var kind = Widget.resource.kind
    var metadata: ObjectMeta
    var spec: WidgetSpec
    var status: WidgetStatus?

    struct WidgetSpec: Codable, Hashable, Sendable {
        var size: Int?
        var color: String?
    }

    struct WidgetStatus: Codable, Hashable, Sendable {
        var phase: String?
    }

    init(_ name: String, namespace: String? = nil, size: Int? = nil, labels: [String: String]? = nil) {
        metadata = ObjectMeta(name: name, namespace: namespace, labels: labels)
        spec = WidgetSpec(size: size)
    }

    func validate() -> [FieldError] {
        var errors = validateMetadata()
        if let size = spec.size, size < 0 {
            errors.append(.invalid(FieldPath("spec", "size"), size, "must be greater than or equal to 0"))
        }
        return errors
    }

    mutating func setDefaults() {
        if spec.color == nil { spec.color = "grey" }
    }
}
