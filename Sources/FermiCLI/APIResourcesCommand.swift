import ArgumentParser
import FermiAPI
import Foundation

/// `fermi api-resources`: the kinds Fermi serves, as kubectl lists them.
struct APIResourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-resources", abstract: "List the kinds this Fermi serves.")

    @Option(help: "Only kinds in this API group (\"\" for the core group).") var apiGroup: String?
    @Option(help: "Only namespaced (true) or cluster-scoped (false) kinds.") var namespaced: Bool?
    @Option(name: .shortAndLong, help: "wide or name.") var output: String?

    func run() async throws {
        let resources = KindRegistry.served.kinds.map { $0.resource }
            .filter { apiGroup == nil || $0.group == apiGroup }
            .filter { namespaced == nil || $0.namespaced == namespaced }
            .sorted { ($0.group, $0.plural) < ($1.group, $1.plural) }
        if output == "name" {
            for resource in resources { print(resource.qualifiedName) }
            return
        }
        let rows = [["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]]
            + resources.map {
                [$0.plural, $0.shortNames.joined(separator: ","), $0.apiVersion, String($0.namespaced), $0.kind]
            }
        print(TextColumns.render(rows), terminator: "")
    }
}

/// Rows of cells in left-aligned columns three spaces apart, as kubectl prints tables.
enum TextColumns {
    /// Widths count Unicode scalars, as kubectl's tabwriter counts runes.
    static func render(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.unicodeScalars.count) }
        }
        var text = ""
        text.reserveCapacity(rows.count * (widths.reduce(0, +) + 3 * columns + 1))
        let spaces = String(repeating: " ", count: (widths.max() ?? 0) + 3)
        for row in rows {
            for (column, cell) in row.enumerated() {
                text += cell
                if column < row.count - 1 {
                    text += spaces.prefix(widths[column] + 3 - cell.unicodeScalars.count)
                }
            }
            text += "\n"
        }
        return text
    }
}
