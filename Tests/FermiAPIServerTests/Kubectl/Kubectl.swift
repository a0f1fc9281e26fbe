import FermiStoreTestSupport
import Foundation

/// The real `kubectl` found on PATH, pointed at one test's server by a kubeconfig, with a
/// discovery and OpenAPI cache of its own so that nothing carries over between tests.
struct Kubectl: Sendable {
    /// kubectl on PATH; nil when none is installed.
    static let installed: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
        .split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("kubectl") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    let kubeconfig: String
    let cacheDirectory: String

    /// What one kubectl command printed, and how it ended.
    struct Run: CustomStringConvertible {
        var status: Int32
        var output: String
        var errors: String

        var description: String { "exit \(status)\n\(output)\n\(errors)" }
    }

    /// Runs `kubectl ARGUMENTS` to its end.
    func run(_ arguments: [String]) async throws -> Run {
        let child = try start(arguments)
        let status = await child.waitForExit()
        return Run(status: status, output: child.lines.joined(separator: "\n"), errors: child.errorText)
    }

    /// Starts `kubectl ARGUMENTS` as a child whose output the test reads as it comes (for
    /// `get -w`). Every request gives up after a minute: a guard against a test that would
    /// otherwise wait forever, never a wait for a result.
    func start(_ arguments: [String]) throws -> ChildProcess {
        guard let kubectl = Self.installed else { throw CocoaError(.fileNoSuchFile) }
        return try ChildProcess(
            executableURL: kubectl, ["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory, "--request-timeout", "60s"] + arguments)
    }
}
