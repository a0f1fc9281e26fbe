import FermiAPI
import Foundation

/// A field selector as people write it after `--field-selector`: `metadata.name=bert,status.phase!=Succeeded`.
/// Only the fields Kubernetes indexes are accepted: metadata.name, metadata.namespace,
/// status.phase and spec.nodeName.
public struct FieldSelectorQuery: Hashable, Sendable, CustomStringConvertible {
    /// The fields a selector may name.
    public static let supportedFields = ["metadata.name", "metadata.namespace", "status.phase", "spec.nodeName"]

    /// The fields a selector may name for one kind: events add what they are about, as
    /// upstream indexes them (kubectl describe lists an object's events by these).
    public static func supportedFields(of resource: APIResource) -> [String] {
        guard resource.group.isEmpty, resource.kind == "Event" else { return supportedFields }
        return supportedFields + [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "type",
            "reportingComponent", "source",
        ]
    }

    /// One requirement: a field equals (or does not equal) a value.
    public struct Requirement: Hashable, Sendable {
        public var field: String
        public var value: String
        public var negated: Bool
    }

    public var requirements: [Requirement]

    public init(_ requirements: [Requirement] = []) {
        self.requirements = requirements
    }

    public init(parsing text: String, allowing fields: [String] = FieldSelectorQuery.supportedFields) throws(SelectorError) {
        var requirements: [Requirement] = []
        for part in text.split(separator: ",") where !part.isEmpty {
            let negated = part.contains("!=")
            let separator = negated ? "!=" : (part.contains("==") ? "==" : "=")
            guard let range = part.range(of: separator) else { throw SelectorError(text) }
            let field = String(part[..<range.lowerBound])
            guard fields.contains(field) else {
                throw SelectorError("field label not supported: \(field)")
            }
            requirements.append(
                Requirement(field: field, value: String(part[range.upperBound...]), negated: negated))
        }
        self.requirements = requirements
    }

    /// The selector in the `--field-selector` syntax, as a `fieldSelector` query sends it.
    public var description: String {
        requirements.map { "\($0.field)\($0.negated ? "!=" : "=")\($0.value)" }.joined(separator: ",")
    }

    /// Whether the object (as JSON) satisfies every requirement.
    public func matches(_ object: JSONValue) -> Bool {
        requirements.allSatisfy { requirement in
            var current: JSONValue? = object
            for step in requirement.field.split(separator: ".") {
                current = current?[String(step)]
            }
            let value = current?.stringValue ?? ""
            return requirement.negated ? value != requirement.value : value == requirement.value
        }
    }
}
