/// One YAML document of a manifest, parsed: its JSON tree and the line each field was written
/// on, so that any problem found later can name the file, the line and the field.
public struct ManifestDocument: Sendable, Hashable {
    /// The file (or `-` for standard input) the document came from.
    public var source: String
    /// The position of the document in its file, from 0.
    public var index: Int
    /// The line the document starts on, from 1.
    public var line: Int
    /// The document as JSON.
    public var value: JSONValue
    /// The line each field was written on.
    public var fieldLines: FieldLines

    public init(
        source: String, index: Int, line: Int, value: JSONValue, fieldLines: FieldLines = FieldLines()
    ) {
        self.source = source
        self.index = index
        self.line = line
        self.value = value
        self.fieldLines = fieldLines
    }

    /// The line of `path`, or of its nearest written ancestor, or of the document.
    public func line(of path: FieldPath) -> Int {
        fieldLines.line(of: path) ?? line
    }

    /// `source:line` of `path`, as error messages start.
    public func location(of path: FieldPath) -> String {
        "\(source):\(line(of: path))"
    }
}
