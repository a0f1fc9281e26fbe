import Foundation

/// A manifest document decoded into its kind's type, with the fields the type did not know.
public struct DecodedManifest: Sendable {
    /// The typed object, as written (before defaults).
    public var object: any APIObject
    /// Where it came from, to place any later error on a line.
    public var document: ManifestDocument
    /// Fields in the document that the kind does not have: warnings, or errors when strict.
    public var unknownFields: [FieldPath]

    /// Every rule the object breaks once defaulted (as the server will check it), each placed
    /// on its file and line.
    public func validationErrors() -> [ManifestError] {
        var defaulted = object
        defaulted.setDefaults()
        return defaulted.validate().map {
            .invalid(location: document.location(of: $0.field), error: $0)
        }
    }

    /// The unknown fields as kubectl words them: `file:line: unknown field "spec.foo"`.
    public func unknownFieldWarnings() -> [String] {
        unknownFields.map { "\(document.location(of: $0)): unknown field \"\($0)\"" }
    }
}

/// Turns manifest documents into typed objects of the kinds the registry serves.
public struct ManifestDecoder: Sendable {
    public var registry: KindRegistry

    public init(registry: KindRegistry = .served) {
        self.registry = registry
    }

    /// Decodes one document: its kind must be served and every field of the right type.
    public func decode(_ document: ManifestDocument) throws(ManifestError) -> DecodedManifest {
        let location = document.location(of: FieldPath())
        guard case .object(let members) = document.value else {
            throw .notAnObject(location: location, detail: "a manifest document must be a mapping")
        }
        let apiVersion = members["apiVersion"]?.stringValue ?? ""
        let kind = members["kind"]?.stringValue ?? ""
        let missing = [apiVersion.isEmpty ? "apiVersion not set" : nil, kind.isEmpty ? "kind not set" : nil]
            .compactMap { $0 }
        guard missing.isEmpty else {
            throw .notAnObject(
                location: location,
                detail: "error validating data: [\(missing.joined(separator: ", "))]")
        }
        let type: any APIObject.Type
        do {
            type = try registry.type(apiVersion: apiVersion, kind: kind)
        } catch {
            throw .unservedKind(location: location, kind: kind, apiVersion: apiVersion)
        }
        let (object, unread) = try decode(type, from: document)
        return DecodedManifest(object: object, document: document, unknownFields: unread.map(Self.fieldPath))
    }

    /// Decodes `document` as `Object`, with the fields it has that `Object` does not read. A
    /// struct field left out of the manifest reads as an empty struct, as Go's zero values make
    /// it upstream (a Queue without `spec` is a Queue with an empty spec); a missing field that
    /// cannot be empty is reported as required.
    private func decode<Object: APIObject>(_ type: Object.Type, from document: ManifestDocument)
        throws(ManifestError) -> (Object, [[JSONValueDecoder.UnreadStep]])
    {
        var value = document.value
        var filled: Set<String> = []
        while true {
            do {
                return try JSONValueDecoder.decodeReportingUnread(Object.self, from: value)
            } catch DecodingError.keyNotFound(let key, let context) {
                let path = Self.fieldPath(context.codingPath + [key])
                guard filled.insert(path.description).inserted, filled.count <= 64 else {
                    throw .invalid(location: document.location(of: path), error: .required(path))
                }
                value = Self.inserting(.object([:]), at: path.steps, into: value)
            } catch let error as DecodingError {
                if let path = Self.path(of: error), filled.contains(path.description) {
                    // The empty struct did not fit: the field really is required.
                    throw .invalid(location: document.location(of: path), error: .required(path))
                }
                throw Self.describe(error, in: document)
            } catch {
                throw .notAnObject(location: document.location(of: FieldPath()), detail: "\(error)")
            }
        }
    }

    private static func path(of error: DecodingError) -> FieldPath? {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            fieldPath(context.codingPath)
        case .keyNotFound(let key, let context):
            fieldPath(context.codingPath + [key])
        @unknown default:
            nil
        }
    }

    private static func inserting(_ member: JSONValue, at steps: [FieldPath.Step], into value: JSONValue)
        -> JSONValue
    {
        guard let step = steps.first else { return member }
        switch (step, value) {
        case (.field(let name), .object(var members)), (.key(let name), .object(var members)):
            members[name] = inserting(member, at: Array(steps.dropFirst()), into: members[name] ?? .object([:]))
            return .object(members)
        case (.index(let position), .array(var items)) where items.indices.contains(position):
            items[position] = inserting(member, at: Array(steps.dropFirst()), into: items[position])
            return .array(items)
        default:
            return value
        }
    }

    private static func fieldPath(_ steps: [JSONValueDecoder.UnreadStep]) -> FieldPath {
        steps.reduce(FieldPath()) { path, step in
            switch step {
            case .member(let name): path.child(name)
            case .position(let position): path.index(position)
            }
        }
    }

    /// A decoding error as `file:line: field: Invalid value: ...: expected ...`.
    private static func describe(_ error: DecodingError, in document: ManifestDocument)
        -> ManifestError
    {
        let context: DecodingError.Context
        let expectation: String
        switch error {
        case .typeMismatch(let type, let errorContext):
            context = errorContext
            expectation = "expected \(describe(type))"
        case .valueNotFound(let type, let errorContext):
            context = errorContext
            expectation = "expected \(describe(type)), found null"
        case .keyNotFound(let key, let errorContext):
            let path = fieldPath(errorContext.codingPath + [key])
            return .invalid(
                location: document.location(of: path), error: .required(path))
        case .dataCorrupted(let errorContext):
            context = errorContext
            expectation = errorContext.debugDescription
        @unknown default:
            return .notAnObject(location: document.location(of: FieldPath()), detail: "\(error)")
        }
        let path = fieldPath(context.codingPath)
        let found = value(at: path, in: document.value).map(render) ?? "null"
        return .wrongType(
            location: document.location(of: path), field: path.description,
            detail: "\(found): \(expectation)")
    }

    private static func fieldPath(_ codingPath: [any CodingKey]) -> FieldPath {
        FieldPath(
            codingPath.map { key in key.intValue.map(FieldPath.Step.index) ?? .field(key.stringValue) })
    }

    private static func value(at path: FieldPath, in root: JSONValue) -> JSONValue? {
        var current: JSONValue? = root
        for step in path.steps {
            switch (step, current) {
            case (.field(let name), .object(let members)?), (.key(let name), .object(let members)?):
                current = members[name]
            case (.index(let position), .array(let items)?) where items.indices.contains(position):
                current = items[position]
            default:
                return nil
            }
        }
        return current
    }

    private static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .bool(let flag): String(flag)
        case .null: "null"
        case .array: "a list"
        case .object: "an object"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is any BinaryInteger.Type: "an integer"
        case is Bool.Type: "a boolean"
        case is String.Type: "a string"
        case is Double.Type, is Float.Type: "a number"
        case is [Any].Type: "a list"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}

extension JSONValue {
    /// The JSON form of any encodable value (objects encode to JSON without fail).
    public static func encoding(_ value: some Encodable) -> JSONValue {
        (try? JSONValueEncoder.encode(value)) ?? .null
    }
}
