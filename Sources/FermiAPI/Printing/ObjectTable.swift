import Foundation

/// `fermi get`'s table: a header and a row per object, columns as the kind prints them.
public enum ObjectTable {
    /// The header row and one row per object: [NAMESPACE,] NAME, then the kind's columns (with
    /// `wide`, the priority ones too). `kindPrefix` (`pod/`) goes before names when several
    /// kinds share one listing, as kubectl prints them.
    public static func rows(
        _ objects: [JSONValue], columns: [PrinterColumn], wide: Bool = false, showNamespace: Bool = false,
        kindPrefix: String = "", now: Date
    ) -> [[String]] {
        let shown = columns.filter { wide || $0.priority == 0 }
        let header = (showNamespace ? ["NAMESPACE"] : []) + ["NAME"] + shown.map(\.header)
        // Rows are laid out on every core: a listing of 100,000 pods is mostly this.
        let rows = objects.concurrentMap(minimumPerPart: 2_000) { object in
            let metadata = object["metadata"]
            var row = showNamespace ? [metadata?["namespace"]?.stringValue ?? ""] : []
            row.append(kindPrefix + (metadata?["name"]?.stringValue ?? ""))
            for column in shown { row.append(column.value(of: object, now: now)) }
            return row
        }
        return [header] + rows
    }
}
