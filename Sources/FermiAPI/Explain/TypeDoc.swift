/// The documentation of one API type: its doc comment and its fields'.
public struct TypeDoc: Sendable {
    public var doc: String
    public var fields: [FieldDoc]

    public init(doc: String, fields: [FieldDoc]) {
        self.doc = doc
        self.fields = fields
    }
}

/// One field of an API type: its JSON name, its Swift type as written, and its doc comment.
public struct FieldDoc: Sendable {
    public var name: String
    public var type: String
    public var doc: String

    public init(name: String, type: String, doc: String) {
        self.name = name
        self.type = type
        self.doc = doc
    }
}
