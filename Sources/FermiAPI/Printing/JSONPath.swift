/// A kubectl JSONPath template (`{.items[*].metadata.name}`, `{range .items[*]}{.a}{"\n"}{end}`,
/// `{.status.conditions[?(@.type=="Ready")].status}`), parsed once and evaluated on objects.
///
/// It is what `-o jsonpath=`, `-o custom-columns=`, `--sort-by` and the kinds' printer columns
/// read fields with. Supported: fields (`.a`, `['a.b']`, escaped dots `a\.b`), `$`/`@`, indexes
/// and slices (`[0]`, `[-1:]`, `[1:3]`), `[*]`, recursive descent (`..name`), filters with
/// `==`, `!=`, `<`, `<=`, `>`, `>=` or existence, `range`/`end`, and quoted literals.
public struct JSONPath: Sendable {
    /// One piece of a template.
    indirect enum Segment: Sendable {
        case text(String)
        case path([Step])
        case range([Step], [Segment])
    }

    /// One step of a path.
    enum Step: Sendable {
        case field(String)
        case recursive(String)
        case wildcard
        case index(Int)
        case slice(start: Int?, end: Int?, step: Int?)
        case filter(Filter)
    }

    /// `?(@.path OP literal)` or `?(@.path)`.
    struct Filter: Sendable {
        var path: [Step]
        var comparison: (String, JSONValue)?
    }

    let segments: [Segment]

    /// Parses a template; a bare path (`.metadata.name`) is read as `{.metadata.name}`, as
    /// custom-columns and --sort-by take it.
    public init(_ template: String) throws(JSONPathError) {
        let text = template.contains("{") ? template : "{\(template)}"
        var parser = JSONPathParser(text)
        segments = try parser.parseTemplate()
    }

    /// The values the template's paths select in `root`, in order (for printer columns and
    /// sorting).
    public func values(in root: JSONValue) -> [JSONValue] {
        var results: [JSONValue] = []
        collect(segments, root: root, into: &results)
        return results
    }

    /// The template printed as kubectl prints it: literals as they are, strings bare, other
    /// values as compact JSON, several results of one path separated by spaces.
    public func render(_ root: JSONValue) -> String {
        render(segments, current: root)
    }

    private func render(_ segments: [Segment], current: JSONValue) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case .text(let text):
                output += text
            case .path(let steps):
                output += JSONPath.evaluate(steps, on: current).map(JSONPath.text).joined(separator: " ")
            case .range(let steps, let body):
                for element in JSONPath.evaluate(steps, on: current) {
                    let items: [JSONValue] = if case .array(let items) = element { items } else { [element] }
                    for item in items { output += render(body, current: item) }
                }
            }
        }
        return output
    }

    private func collect(_ segments: [Segment], root: JSONValue, into results: inout [JSONValue]) {
        for segment in segments {
            switch segment {
            case .text: continue
            case .path(let steps): results += JSONPath.evaluate(steps, on: root)
            case .range(let steps, let body):
                for element in JSONPath.evaluate(steps, on: root) { collect(body, root: element, into: &results) }
            }
        }
    }

    /// A value as a cell or a jsonpath result: strings bare, numbers and booleans as written,
    /// objects and arrays as compact JSON.
    public static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): string
        case .integer(let integer): String(integer)
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let bool): String(bool)
        case .null: "null"
        case .array, .object: JSONValue.compactJSON(value)
        }
    }

    static func evaluate(_ steps: [Step], on root: JSONValue) -> [JSONValue] {
        var current = [root]
        for step in steps {
            current = current.flatMap { apply(step, to: $0) }
        }
        return current
    }

    private static func apply(_ step: Step, to value: JSONValue) -> [JSONValue] {
        switch step {
        case .field(let name):
            return value[name].map { [$0] } ?? []
        case .recursive(let name):
            return descendants(of: value).compactMap { $0[name] }
        case .wildcard:
            switch value {
            case .array(let items): return items
            case .object(let members): return members.keys.sorted().compactMap { members[$0] }
            default: return []
            }
        case .index(let index):
            guard case .array(let items) = value else { return [] }
            let position = index < 0 ? items.count + index : index
            return items.indices.contains(position) ? [items[position]] : []
        case .slice(let start, let end, let step):
            guard case .array(let items) = value else { return [] }
            return slice(items, start: start, end: end, step: step ?? 1)
        case .filter(let filter):
            let candidates: [JSONValue] = if case .array(let items) = value { items } else { [value] }
            return candidates.filter { matches(filter, $0) }
        }
    }

    private static func slice(_ items: [JSONValue], start: Int?, end: Int?, step: Int) -> [JSONValue] {
        func clamp(_ position: Int) -> Int { min(max(position < 0 ? items.count + position : position, 0), items.count) }
        let from = clamp(start ?? 0)
        let to = clamp(end ?? items.count)
        guard step > 0, from < to else { return [] }
        return stride(from: from, to: to, by: step).map { items[$0] }
    }

    private static func descendants(of value: JSONValue) -> [JSONValue] {
        var all = [value]
        switch value {
        case .array(let items): for item in items { all += descendants(of: item) }
        case .object(let members): for key in members.keys.sorted() { all += descendants(of: members[key]!) }
        default: break
        }
        return all
    }

    private static func matches(_ filter: Filter, _ element: JSONValue) -> Bool {
        let found = evaluate(filter.path, on: element)
        guard let (operation, literal) = filter.comparison else { return !found.isEmpty }
        return found.contains { value in
            let order = JSONValueOrder.compare(value, literal)
            switch operation {
            case "==": return order == 0
            case "!=": return order != 0
            case "<": return order < 0
            case "<=": return order <= 0
            case ">": return order > 0
            default: return order >= 0
            }
        }
    }
}

/// Why a JSONPath template could not be parsed.
public struct JSONPathError: Error, Hashable, Sendable, CustomStringConvertible {
    public var template: String
    public var reason: String

    public var description: String { "error parsing jsonpath \(template), \(reason)" }
}
