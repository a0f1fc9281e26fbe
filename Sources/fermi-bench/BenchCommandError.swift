/// A command a benchmark ran (fermi, wrk) that failed, with what it said.
enum BenchCommandError: Error, CustomStringConvertible {
    case failed([String], String)

    var description: String {
        switch self {
        case .failed(let command, let output): "\(command.joined(separator: " ")) failed: \(output)"
        }
    }
}
