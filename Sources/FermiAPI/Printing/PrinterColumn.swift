import Foundation

/// One column of `fermi get`'s table for a kind, as a CRD's `additionalPrinterColumns` entry
/// (a name, a JSONPath, a type, a priority) or, for the core kinds kubectl prints itself, a
/// function of the object.
///
/// Priority 0 columns are always shown; higher ones only with `-o wide`.
public struct PrinterColumn: Sendable {
    /// How a cell's value is shown.
    public enum ValueType: Sendable {
        case string, integer, number, boolean
        /// A timestamp, shown as an age (`5m`, `3d`).
        case date
    }

    /// The header, as upstream writes it (`Pending Workloads`); printed upper-case.
    public var name: String
    /// What the table's header says: the name upper-cased, or a custom column's own header.
    public var header: String
    public var type: ValueType
    public var priority: Int
    private let cell: @Sendable (JSONValue, Date) -> String?

    /// A column read from the object with a JSONPath (`.status.phase`), as a CRD declares it.
    public init(_ name: String, jsonPath: String, type: ValueType = .string, priority: Int = 0) {
        // Column paths are written into the types by hand and covered by tests; one that does
        // not parse is a programming error.
        let path = try! JSONPath(jsonPath)
        self.init(name, type: type, priority: priority) { object, now in
            let values = path.values(in: object)
            guard !values.isEmpty else { return nil }
            if type == .date {
                guard let text = values.first?.stringValue, let time = Timestamp(parsing: text) else { return nil }
                return EventTable.age(since: time.date, now: now)
            }
            return values.map(JSONPath.text).joined(separator: ",")
        }
    }

    /// A column computed from the object (and the time now, for ages).
    public init(
        _ name: String, type: ValueType = .string, priority: Int = 0,
        cell: @escaping @Sendable (JSONValue, Date) -> String?
    ) {
        self.name = name
        self.header = name.uppercased()
        self.type = type
        self.priority = priority
        self.cell = cell
    }

    /// The cell of `object`; `<none>` when the field is absent, as kubectl prints it.
    public func value(of object: JSONValue, now: Date) -> String {
        cell(object, now) ?? "<none>"
    }

    /// The AGE column every kind ends with unless it says otherwise.
    public static let age = PrinterColumn("Age", jsonPath: ".metadata.creationTimestamp", type: .date)
}

extension APIObject {
    /// The columns after NAME in `fermi get`'s table: upstream's printer columns; AGE alone for
    /// a kind that declares none, as the API server does for a CRD without columns.
    public static var printerColumns: [PrinterColumn] { [.age] }
}
