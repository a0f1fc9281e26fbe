import ArgumentParser
import FermiAPI

/// How `fermi get` prints what it read: `-o wide|yaml|json|name|jsonpath=...|custom-columns=...`,
/// or the kind's table.
enum OutputFormat {
    case table(wide: Bool)
    case json
    case yaml
    case name
    case jsonPath(JSONPath)
    case customColumns([PrinterColumn])

    /// The format `-o` names; a table when it names none.
    init(_ option: String?) throws {
        guard let option else {
            self = .table(wide: false)
            return
        }
        switch option {
        case "wide": self = .table(wide: true)
        case "json": self = .json
        case "yaml": self = .yaml
        case "name": self = .name
        case _ where option.hasPrefix("jsonpath="):
            self = .jsonPath(try Self.parse(String(option.dropFirst("jsonpath=".count))))
        case _ where option.hasPrefix("custom-columns="):
            self = .customColumns(try Self.customColumns(String(option.dropFirst("custom-columns=".count))))
        default:
            throw ValidationError(
                "unable to match a printer suitable for the output format \"\(option)\", allowed formats are: custom-columns,json,jsonpath,name,wide,yaml")
        }
    }

    /// `HEADER:.json.path,...`, each column's cells the values found, joined by commas.
    private static func customColumns(_ specification: String) throws -> [PrinterColumn] {
        guard !specification.isEmpty else { throw ValidationError("custom-columns format specified but no custom columns given") }
        return try specification.split(separator: ",").map { entry in
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("unexpected custom-columns spec: \(entry), expected <header>:<json-path-expr>")
            }
            let path = try parse(parts[1])
            var column = PrinterColumn(parts[0]) { object, _ in
                let values = path.values(in: object)
                return values.isEmpty ? nil : values.map(JSONPath.text).joined(separator: ",")
            }
            column.header = parts[0]
            return column
        }
    }

    /// A JSONPath from the command line; a parse error is a usage error.
    static func parse(_ template: String) throws -> JSONPath {
        do {
            return try JSONPath(template)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
