import Foundation

/// `fermi get`'s table for one kind: a header, and a row per object — [NAMESPACE,] NAME, then
/// the kind's columns (with `wide`, the priority ones too).
///
/// A row is made from one object alone, so a listing can make each row as soon as its object
/// is parsed and let the object go: 100,000 pods need not be held whole to print them.
public struct ObjectTable: Sendable {
    /// The columns after NAME that are shown.
    public let columns: [PrinterColumn]
    public let showNamespace: Bool
    /// What goes before names (`pod/`) when several kinds share one listing, as kubectl prints them.
    public let kindPrefix: String
    /// The time ages are counted to.
    public let now: Date

    public init(columns: [PrinterColumn], wide: Bool = false, showNamespace: Bool = false, kindPrefix: String = "", now: Date) {
        self.columns = columns.filter { wide || $0.priority == 0 }
        self.showNamespace = showNamespace
        self.kindPrefix = kindPrefix
        self.now = now
    }

    /// The header row.
    public var header: [String] {
        (showNamespace ? ["NAMESPACE"] : []) + ["NAME"] + columns.map(\.header)
    }

    /// The row of `object`.
    public func row(of object: JSONValue) -> [String] {
        let metadata = object["metadata"]
        var row = showNamespace ? [metadata?["namespace"]?.stringValue ?? ""] : []
        row.append(kindPrefix + (metadata?["name"]?.stringValue ?? ""))
        for column in columns { row.append(column.value(of: object, now: now)) }
        return row
    }

    /// The header row and one row per object.
    public func rows(_ objects: [JSONValue]) -> [[String]] {
        [header] + objects.map(row(of:))
    }
}
