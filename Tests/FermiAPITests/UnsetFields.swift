/// The stored properties of `value` that are optional and nil: a fixture meant to set every
/// field of a type checks this is empty, so a field added later fails the test until the
/// fixture (and the code it covers) has it.
func unsetFields(of value: Any) -> [String] {
    Mirror(reflecting: value).children.filter { child in
        let mirror = Mirror(reflecting: child.value)
        return mirror.displayStyle == .optional && mirror.children.isEmpty
    }.compactMap(\.label)
}
