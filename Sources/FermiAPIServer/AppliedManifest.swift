import FermiAPI

/// An object to apply and, when it came from a manifest file, the document its file wrote:
/// kubectl records that document (unknown fields and all) as last applied, not the object.
public struct AppliedManifest: Sendable {
    public var object: any APIObject
    /// The manifest's document; nil when the object came from no file (it is then recorded
    /// as it encodes). Changes made to the object after reading are not in the document: who
    /// makes them applies the object alone.
    public var document: JSONValue?

    public init(_ object: any APIObject, document: JSONValue? = nil) {
        self.object = object
        self.document = document
    }
}
