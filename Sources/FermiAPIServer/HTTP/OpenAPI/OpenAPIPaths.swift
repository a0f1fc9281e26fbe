import FermiAPI

/// The OpenAPI 3 path items of a kind: the operations this server serves on it, each marked
/// with `x-kubernetes-action` and the kind's `x-kubernetes-group-version-kind`, and with the
/// query parameters it takes. kubectl reads them: `explain` finds a resource's kind through
/// them, and `apply` sends `fieldValidation` (the server checks fields, not kubectl) and
/// builds its patch only for the patch types the PATCH operation accepts.
struct OpenAPIPaths {
    let resource: APIResource
    /// A reference to the kind's schema.
    let object: JSONValue

    init(_ kind: any APIObject.Type, schema: String) {
        resource = kind.resource
        object = OpenAPISchemaNames.reference(schema)
    }

    /// The path items, by path.
    var items: [String: JSONValue] {
        let root = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
        let collection = resource.namespaced ? "\(root)/namespaces/{namespace}/\(resource.plural)" : "\(root)/\(resource.plural)"
        let named = (resource.namespaced ? [Self.pathParameter("namespace")] : []) + [Self.pathParameter("name")]
        let kind = resource.kind
        var items: [String: JSONValue] = [
            collection: .object([
                "parameters": .array(resource.namespaced ? [Self.pathParameter("namespace")] : []),
                "get": operation("list", "list", "List or watch \(resource.plural).", query: Self.listQuery, answer: list),
                "post": operation("post", "create", "Create a \(kind).", query: Self.writeQuery, body: objectBody, code: "201"),
            ]),
            "\(collection)/{name}": .object([
                "parameters": .array(named),
                "get": operation("get", "read", "Read a \(kind)."),
                "put": operation("put", "replace", "Replace a \(kind).", query: Self.writeQuery, body: objectBody),
                "patch": operation(
                    "patch", "patch", "Patch a \(kind), or apply a configuration to it.", query: Self.writeQuery + [Self.force],
                    body: Self.patchBody),
                "delete": operation("delete", "delete", "Delete a \(kind).", query: [Self.propagationPolicy]),
            ]),
        ]
        if resource.namespaced {
            items["\(root)/\(resource.plural)"] = .object([
                "get": operation(
                    "list", "list", "List or watch \(resource.plural) in every namespace.", idSuffix: "ForAllNamespaces", scoped: false,
                    query: Self.listQuery, answer: list)
            ])
        }
        if resource.hasStatus {
            items["\(collection)/{name}/status"] = .object([
                "parameters": .array(named),
                "get": operation("get", "read", "Read the status of a \(kind).", idSuffix: "Status"),
                "put": operation("put", "replace", "Replace the status of a \(kind).", idSuffix: "Status", query: Self.writeQuery, body: objectBody),
            ])
        }
        return items
    }

    /// A request body holding the object.
    private var objectBody: JSONValue {
        .object(["content": .object(["application/json": .object(["schema": object])]), "required": .bool(true)])
    }

    /// What a list answers.
    private var list: JSONValue {
        .object([
            "type": .string("object"),
            "description": .string("A \(resource.kind)List: the \(resource.plural) and the resourceVersion they were read at."),
        ])
    }

    /// One operation, its id as kube-apiserver makes them (`patchNamespacedPyTorchJob`).
    private func operation(
        _ action: String, _ verb: String, _ description: String, idSuffix: String = "", scoped: Bool = true, query: [JSONValue] = [],
        body: JSONValue? = nil, code: String = "200", answer: JSONValue? = nil
    ) -> JSONValue {
        let scope = scoped && resource.namespaced ? "Namespaced" : ""
        var operation: [String: JSONValue] = [
            "operationId": .string("\(verb)\(scope)\(resource.kind)\(idSuffix)"), "description": .string(description),
            "parameters": .array(query),
            "responses": .object([
                code: .object([
                    "description": .string("OK"), "content": .object(["application/json": .object(["schema": answer ?? object])]),
                ]),
                "401": .object(["description": .string("Unauthorized")]),
            ]),
            "x-kubernetes-action": .string(action),
            "x-kubernetes-group-version-kind": OpenAPISchemas.groupVersionKind(resource),
        ]
        if let body { operation["requestBody"] = body }
        return .object(operation)
    }

    /// The patch types the server takes. It takes a strategic merge patch as a JSON merge
    /// patch, so the schemas name no patch strategies and kubectl's patches replace lists whole.
    private static let patchBody: JSONValue = .object([
        "content": .object(
            Dictionary(
                uniqueKeysWithValues: [
                    "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
                    "application/apply-patch+yaml",
                ].map { ($0, JSONValue.object(["schema": OpenAPISchemaNames.reference(OpenAPISchemaNames.patch)])) })),
        "required": .bool(true),
    ])

    private static let writeQuery: [JSONValue] = [
        queryParameter("dryRun", "All: check and answer, but store nothing."),
        queryParameter("fieldManager", "The name of the writer, who then owns the fields it set."),
        queryParameter("fieldValidation", "Unknown fields: Strict refuses them, Warn (the default) answers with warnings, Ignore drops them."),
    ]

    private static let force = queryParameter("force", "Take the fields of an apply that other field managers own.", type: "boolean")

    private static let propagationPolicy = queryParameter(
        "propagationPolicy", "What happens to the objects it owns: Background (the default), Foreground or Orphan.")

    private static let listQuery: [JSONValue] = [
        queryParameter("labelSelector", "Only objects whose labels match."),
        queryParameter("fieldSelector", "Only objects whose fields match."),
        queryParameter("watch", "Stream changes instead of listing.", type: "boolean"),
        queryParameter("resourceVersion", "The version to watch from."),
        queryParameter("allowWatchBookmarks", "Send BOOKMARK events with the latest resourceVersion.", type: "boolean"),
        queryParameter("sendInitialEvents", "Start a watch with the objects there are, ended by a bookmark.", type: "boolean"),
    ]

    private static func queryParameter(_ name: String, _ description: String, type: String = "string") -> JSONValue {
        .object([
            "name": .string(name), "in": .string("query"), "description": .string(description),
            "schema": .object(["type": .string(type), "uniqueItems": .bool(true)]),
        ])
    }

    private static func pathParameter(_ name: String) -> JSONValue {
        .object([
            "name": .string(name), "in": .string("path"), "required": .bool(true),
            "description": .string(name == "name" ? "The object's name." : "The object's namespace."),
            "schema": .object(["type": .string("string"), "uniqueItems": .bool(true)]),
        ])
    }
}
