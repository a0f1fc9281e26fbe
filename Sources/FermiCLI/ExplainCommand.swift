import ArgumentParser
import FermiAPI

/// `fermi explain KIND[.field.path]`: the documentation of a kind or one of its fields.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Document a kind, or a field inside it (pytorchjobs.spec.runPolicy).")

    @Argument(help: "KIND or KIND.field.path") var target: String

    func run() async throws {
        let parts = target.split(separator: ".").map(String.init)
        let (type, path) = try Self.resolve(parts)
        print(try Explanation.render(type, path: path), terminator: "")
    }

    /// The kind named by the longest leading parts (so `queues.scheduling.volcano.sh` works too),
    /// and the field path after it.
    static func resolve(_ parts: [String]) throws -> (any APIObject.Type, [String]) {
        for count in stride(from: parts.count, through: 1, by: -1) {
            if let type = try? KindRegistry.served.type(named: parts[..<count].joined(separator: ".")) {
                return (type, Array(parts[count...]))
            }
        }
        throw KindRegistryError.unknownResource(parts.first ?? "")
    }
}
