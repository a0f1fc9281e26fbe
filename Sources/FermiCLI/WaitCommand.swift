import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation

/// `fermi wait KIND/NAME --for=condition=X|--for=delete|--for=jsonpath=...`: blocks until the
/// object meets the condition, as `kubectl wait` does.
struct WaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Wait until objects meet a condition or are deleted.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "KIND/NAME...") var targets: [String]
    @Option(name: .shortAndLong, help: "The namespace (default: the kubeconfig context's, else default).") var namespace: String?
    @Option(name: .customLong("for"), help: "condition=NAME[=VALUE], delete, or jsonpath={.path}=VALUE")
    var condition: String
    @Option(help: "How long to wait at most (a Go duration: 30s, 5m).") var timeout: String = "30s"

    func run() async throws {
        let server = try await global.openAPI()
        let wanted = try WaitCondition(parsing: condition)
        guard let limit = GoDuration(timeout)?.duration else { throw ValidationError("--timeout: not a duration: \(timeout)") }
        let deadline = ContinuousClock.now + limit
        for target in targets {
            let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("expected KIND/NAME, not \(target)") }
            let type = try KindRegistry.served.type(named: parts[0])
            let resource = type.resource
            let scope = resource.namespaced ? try global.namespace(namespace) : ""
            let shown = "\(resource.displayName)/\(parts[1])"
            while true {
                let object = try? await server.object(of: resource, namespace: scope, name: parts[1])
                if wanted.isMet(by: object) {
                    print("\(shown) condition met")
                    break
                }
                if object == nil, !wanted.isDelete {
                    throw ValidationError("\(resource.plural) \"\(parts[1])\" not found")
                }
                guard ContinuousClock.now < deadline else {
                    FileHandle.standardError.write(
                        Data("error: timed out waiting for the condition on \(resource.plural)/\(parts[1])\n".utf8))
                    throw ExitCode.failure
                }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}

/// What `--for` asks: a condition's status, a field's value, or the object gone.
enum WaitCondition {
    case condition(type: String, status: String)
    case jsonPath(JSONPath, value: String)
    case delete

    init(parsing text: String) throws {
        if text == "delete" {
            self = .delete
        } else if text.hasPrefix("condition=") {
            let parts = text.dropFirst("condition=".count).split(separator: "=", maxSplits: 1).map(String.init)
            guard let type = parts.first, !type.isEmpty else { throw ValidationError("--for=condition=NAME needs a name") }
            let status = parts.count > 1 ? parts[1] : "True"
            self = .condition(type: type, status: status.lowercased() == "true" ? "True" : status.lowercased() == "false" ? "False" : status)
        } else if text.hasPrefix("jsonpath=") {
            let expression = String(text.dropFirst("jsonpath=".count))
            guard let split = expression.lastIndex(of: "=") else {
                throw ValidationError("--for=jsonpath={.path}=VALUE needs a value")
            }
            self = .jsonPath(try JSONPath(String(expression[..<split])), value: String(expression[expression.index(after: split)...]))
        } else {
            throw ValidationError("--for must be condition=NAME[=VALUE], delete or jsonpath={.path}=VALUE")
        }
    }

    var isDelete: Bool {
        if case .delete = self { return true }
        return false
    }

    func isMet(by object: JSONValue?) -> Bool {
        switch self {
        case .delete:
            return object == nil
        case .condition(let type, let status):
            guard case .array(let conditions) = object?["status"]?["conditions"] else { return false }
            return conditions.contains { $0["type"]?.stringValue == type && $0["status"]?.stringValue == status }
        case .jsonPath(let path, let value):
            guard let object else { return false }
            return path.values(in: object).contains { Self.text($0) == value }
        }
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .bool(let flag): String(flag)
        default: JSONValue.compactJSON(value)
        }
    }
}
