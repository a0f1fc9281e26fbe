import FermiStoreTestSupport
import Foundation

/// One run of the `fermi` executable against a test's own store, as a person runs it.
struct FermiRun {
    var status: Int32
    var output: String
    var errors: String

    /// Runs `fermi ARGUMENTS` with `--store` pointing at `store`.
    static func run(_ arguments: [String], store: String) async throws -> FermiRun {
        try await run(arguments + ["--store", "sqlite:\(store)"])
    }

    /// Runs `fermi ARGUMENTS` as given, with `environment` added to the test's own.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> FermiRun {
        let child = try ChildProcess("fermi", arguments, environment: environment)
        let status = await child.waitForExit()
        return FermiRun(status: status, output: child.lines.joined(separator: "\n"), errors: child.errorText)
    }
}

/// A scratch folder with a store path and a place for manifest files.
struct Scratch {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fermi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var store: String { directory.appendingPathComponent("store.db").path }

    /// Writes `text` to `name` in the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
