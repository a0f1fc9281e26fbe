import FermiAPI

/// RFC 6902 JSON Patch: a list of operations (`add`, `remove`, `replace`, `move`, `copy`,
/// `test`) on JSON Pointer paths (RFC 6901, `~1` for `/` and `~0` for `~`; `-` appends to a
/// list), applied in order; any failing operation fails the whole patch.
public enum JSONPatch {
    /// Why a patch cannot be applied.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func apply(_ patch: JSONValue, to document: JSONValue) throws(Failure) -> JSONValue {
        guard case .array(let operations) = patch else { throw Failure(description: "a JSON patch must be a list of operations") }
        var result = document
        for (index, operation) in operations.enumerated() {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw Failure(description: "operation \(index) needs op and path")
            }
            let pointer = try tokens(path)
            switch op {
            case "add": result = try set(operation["value"] ?? .null, at: pointer, in: result, inserting: true)
            case "replace":
                _ = try value(at: pointer, in: result)
                result = try set(operation["value"] ?? .null, at: pointer, in: result, inserting: false)
            case "remove": result = try remove(at: pointer, in: result)
            case "move", "copy":
                guard let from = operation["from"]?.stringValue else { throw Failure(description: "operation \(index) (\(op)) needs from") }
                let source = try tokens(from)
                let moved = try value(at: source, in: result)
                if op == "move" { result = try remove(at: source, in: result) }
                result = try set(moved, at: pointer, in: result, inserting: true)
            case "test":
                guard try value(at: pointer, in: result) == (operation["value"] ?? .null) else {
                    throw Failure(description: "test operation \(index) failed at \(path)")
                }
            default: throw Failure(description: "unknown operation \(op)")
            }
        }
        return result
    }

    private static func tokens(_ path: String) throws(Failure) -> [String] {
        guard !path.isEmpty else { return [] }
        guard path.hasPrefix("/") else { throw Failure(description: "\(path) is not a JSON pointer") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).split(separator: "~1", omittingEmptySubsequences: false).joined(separator: "/")
                .split(separator: "~0", omittingEmptySubsequences: false).joined(separator: "~")
        }
    }

    private static func value(at pointer: [String], in document: JSONValue) throws(Failure) -> JSONValue {
        var current = document
        for token in pointer {
            switch current {
            case .object(let members):
                guard let next = members[token] else { throw Failure(description: "no member \(token)") }
                current = next
            case .array(let items):
                guard let index = Int(token), items.indices.contains(index) else { throw Failure(description: "no item \(token)") }
                current = items[index]
            default: throw Failure(description: "cannot descend into \(token)")
            }
        }
        return current
    }

    private static func set(_ value: JSONValue, at pointer: [String], in document: JSONValue, inserting: Bool) throws(Failure) -> JSONValue {
        guard let token = pointer.first else { return value }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else { throw Failure(description: "no member \(token)") }
                members[token] = try set(value, at: rest, in: child, inserting: inserting)
            }
            return .object(members)
        case .array(var items):
            if rest.isEmpty {
                if token == "-" { items.append(value); return .array(items) }
                guard let index = Int(token), index >= 0, index <= items.count, inserting || index < items.count else {
                    throw Failure(description: "no item \(token)")
                }
                if inserting { items.insert(value, at: index) } else { items[index] = value }
            } else {
                guard let index = Int(token), items.indices.contains(index) else { throw Failure(description: "no item \(token)") }
                items[index] = try set(value, at: rest, in: items[index], inserting: inserting)
            }
            return .array(items)
        default: throw Failure(description: "cannot descend into \(token)")
        }
    }

    private static func remove(at pointer: [String], in document: JSONValue) throws(Failure) -> JSONValue {
        guard let token = pointer.first else { throw Failure(description: "cannot remove the whole document") }
        let rest = Array(pointer.dropFirst())
        switch document {
        case .object(var members):
            guard let child = members[token] else { throw Failure(description: "no member \(token)") }
            members[token] = rest.isEmpty ? nil : try remove(at: rest, in: child)
            return .object(members)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else { throw Failure(description: "no item \(token)") }
            if rest.isEmpty { items.remove(at: index) } else { items[index] = try remove(at: rest, in: items[index]) }
            return .array(items)
        default: throw Failure(description: "cannot descend into \(token)")
        }
    }
}
