import FermiAPI

/// The OpenAPI 3 schemas of the API types, made from the types' own documentation
/// (`APIDocs`), the text `fermi explain` prints, so that `kubectl explain` prints it too.
/// A kind's schema carries `x-kubernetes-group-version-kind`; a field that names another type
/// refers to its schema (`allOf` when the field has a description of its own, as
/// kube-openapi writes it); a field is required when leaving it out fails decoding.
struct OpenAPISchemas: Sendable {
    let names: OpenAPISchemaNames

    /// The schemas the kinds' documents need, by name: each kind's, every type its fields
    /// reach, and the PATCH body's.
    func schemas(for kinds: [any APIObject.Type]) -> [String: JSONValue] {
        var schemas: [String: JSONValue] = [
            OpenAPISchemaNames.patch: .object([
                "type": .string("object"),
                "description": .string("A patch: a JSON patch, a JSON merge patch, or a server-side apply configuration, as the Content-Type says."),
            ])
        ]
        var pending: [String] = []
        for kind in kinds {
            schemas[OpenAPISchemaNames.kindName(kind.resource)] = kindSchema(kind)
            pending.append(String(describing: kind))
        }
        while let typeName = pending.popLast() {
            for field in APIDocs.types[typeName]?.fields ?? [] {
                let base = FieldType(field.type).baseName
                guard let name = names.name(of: base), schemas[name] == nil else { continue }
                schemas[name] = typeSchema(base)
                pending.append(base)
            }
        }
        return schemas
    }

    /// A kind's schema: its type's, with `apiVersion` and `kind` and the kind's identity.
    private func kindSchema(_ kind: any APIObject.Type) -> JSONValue {
        let resource = kind.resource
        var schema = objectSchema(String(describing: kind))
        var properties = schema["properties"]?.objectValue ?? [:]
        properties["apiVersion"] = .object([
            "type": .string("string"),
            "description": .string("The versioned schema of this object: `\(resource.apiVersion)`. The server refuses versions it does not serve."),
        ])
        properties["kind"] = .object([
            "type": .string("string"),
            "description": .string("The kind of object this is: `\(resource.kind)`."),
        ])
        schema["properties"] = .object(properties)
        schema["x-kubernetes-group-version-kind"] = .array([Self.groupVersionKind(resource)])
        return .object(schema)
    }

    /// `{"group": ..., "version": ..., "kind": ...}`, as operations and schemas name a kind.
    static func groupVersionKind(_ resource: APIResource) -> JSONValue {
        .object(["group": .string(resource.group), "version": .string(resource.version), "kind": .string(resource.kind)])
    }

    /// The schema of a named type: a scalar's, or an object with a property per field.
    private func typeSchema(_ typeName: String) -> JSONValue {
        Self.scalarSchema(typeName) ?? .object(objectSchema(typeName))
    }

    private func objectSchema(_ typeName: String) -> [String: JSONValue] {
        let doc = APIDocs.types[typeName]
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        for field in doc?.fields ?? [] {
            properties[field.name] = fieldSchema(field)
            if RequiredFields.isRequired(field) { required.append(.string(field.name)) }
        }
        var schema: [String: JSONValue] = ["type": .string("object"), "properties": .object(properties)]
        if let text = doc?.doc, !text.isEmpty { schema["description"] = .string(text) }
        if !required.isEmpty { schema["required"] = .array(required) }
        return schema
    }

    /// A field's schema: its value's, with the field's description.
    private func fieldSchema(_ field: FieldDoc) -> JSONValue {
        let value = valueSchema(FieldType(field.type))
        guard !field.doc.isEmpty else { return value }
        guard case .object(var members) = value else { return value }
        if members["$ref"] != nil {
            return .object(["allOf": .array([value]), "description": .string(field.doc)])
        }
        members["description"] = .string(field.doc)
        return .object(members)
    }

    private func valueSchema(_ type: FieldType) -> JSONValue {
        switch type {
        case .list(let element):
            return .object(["type": .string("array"), "items": valueSchema(element)])
        case .map(let element):
            return .object(["type": .string("object"), "additionalProperties": valueSchema(element)])
        case .named(let name):
            if let schemaName = names.name(of: name) { return OpenAPISchemaNames.reference(schemaName) }
            switch type.kubectlName {
            case "string": return .object(["type": .string("string")])
            case "integer": return .object(["type": .string("integer"), "format": .string(name == "Int32" ? "int32" : "int64")])
            case "boolean": return .object(["type": .string("boolean")])
            case "number": return .object(["type": .string("number"), "format": .string("double")])
            // Untyped JSON: any value, kept as written.
            default: return .object(["x-kubernetes-preserve-unknown-fields": .bool(true)])
            }
        }
    }

    /// The types that travel as one JSON string or number, as kube-openapi describes them.
    private static func scalarSchema(_ typeName: String) -> JSONValue? {
        let doc = APIDocs.types[typeName]?.doc ?? ""
        switch typeName {
        case "Quantity":
            return .object([
                "description": .string(doc), "oneOf": .array([.object(["type": .string("string")]), .object(["type": .string("number")])]),
            ])
        case "IntOrString":
            return .object([
                "description": .string("An integer or a string: a port by number or name, a count or a percentage."),
                "format": .string("int-or-string"),
                "oneOf": .array([.object(["type": .string("integer")]), .object(["type": .string("string")])]),
            ])
        case "Timestamp", "MicroTimestamp":
            return .object(["description": .string(doc), "type": .string("string"), "format": .string("date-time")])
        default:
            return nil
        }
    }
}
