extension JSONValue {
    /// The value at a dotted path of member names (`status.phase`), or nil.
    public func value(at path: String) -> JSONValue? {
        var current: JSONValue? = self
        for name in path.split(separator: ".") { current = current?[String(name)] }
        return current
    }

    /// The string at a dotted path, or nil.
    public func string(at path: String) -> String? { value(at: path)?.stringValue }

    /// The items of the array at a dotted path; empty when absent.
    public func items(at path: String) -> [JSONValue] {
        if case .array(let items)? = value(at: path) { return items }
        return []
    }

    /// The integer at a dotted path, or nil.
    public func integer(at path: String) -> Int64? {
        switch value(at: path) {
        case .integer(let integer)?: integer
        case .number(let number)?: Int64(number)
        default: nil
        }
    }
}
