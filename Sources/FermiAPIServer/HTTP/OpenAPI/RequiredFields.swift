import FermiAPI

/// Which fields an object cannot leave out: those whose absence fails decoding. The manifest
/// decoder reads a missing struct as an empty one, so a struct field is required only when an
/// empty struct does not decode (it has required fields of its own); a missing map or untyped
/// JSON reads as empty too; a missing string, number, boolean, list or scalar type does not.
enum RequiredFields {
    static func isRequired(_ field: FieldDoc) -> Bool {
        var visiting: Set<String> = []
        return isRequired(field, visiting: &visiting)
    }

    private static func isRequired(_ field: FieldDoc, visiting: inout Set<String>) -> Bool {
        guard !FieldType.isOptional(field.type) else { return false }
        switch FieldType(field.type) {
        case .list: return true
        case .map: return false
        case .named(let name):
            if name == "JSONValue" { return false }
            // Strings, numbers, booleans and the scalar types do not decode from an empty struct.
            if FieldType.scalarNames.contains(name) { return true }
            guard let fields = APIDocs.types[name]?.fields else { return true }
            // A type that contains itself is not required through itself.
            guard visiting.insert(name).inserted else { return false }
            defer { visiting.remove(name) }
            return fields.contains { isRequired($0, visiting: &visiting) }
        }
    }
}
