extension JSONValue {
    /// The value at a dotted path of member names (`status.phase`), or nil.
    public func value(at path: String) -> JSONValue? {
        // Walked name by name over the path's bytes: tables read several paths of every object
        // listed, and splitting each path into an array of names first was most of the cost.
        let bytes = path.utf8
        var current = self
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: ".")) ?? bytes.endIndex
            if end > start {
                guard let next = current[String(path[start..<end])] else { return nil }
                current = next
            }
            start = end == bytes.endIndex ? end : bytes.index(after: end)
        }
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
