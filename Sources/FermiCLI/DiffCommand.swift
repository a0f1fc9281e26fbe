import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation

/// `fermi diff -f FILE`: what `apply` would change, as a unified diff of each object live and
/// as it would be after the apply, the way kubectl diff shows it. Exit status 0 when nothing
/// would change, 1 when something would, above 1 on errors.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show what applying manifests would change, as a unified diff.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: "A manifest file, a folder of them, or - for standard input.")
    var filename: [String] = []
    @Flag(name: [.customShort("R"), .long], help: "Read folders recursively.")
    var recursive = false

    /// What diff's exit status means, as kubectl diff documents it.
    static let errorStatus = ExitCode(2)

    func run() async throws {
        guard !filename.isEmpty else { throw ValidationError("must specify one of -f and -k") }
        do {
            let plan = try await ApplyPlan.reading(filename, recursive: recursive)
            let server = try await global.openAPI()
            let errors = plan.errors + (try await plan.missingNamespaces(in: server))
            guard errors.isEmpty else {
                for error in errors { FileHandle.standardError.write(Data("error: \(error)\n".utf8)) }
                throw Self.errorStatus
            }
            let workspace = try DiffWorkspace()
            defer { workspace.remove() }
            for manifest in plan.manifestsInApplyOrder {
                let object = manifest.object
                let resource = type(of: object).resource
                let live = try? await server.object(
                    of: resource, namespace: resource.namespaced ? object.namespaceOrDefault : "", name: object.name)
                let merged = try await server.applyAny(manifest, dryRun: true).object
                try workspace.write(live: live, merged: JSONValue.encoding(merged), as: Self.fileName(of: merged))
            }
            let status = try workspace.runDiff()
            if status != 0 { throw ExitCode(status) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw Self.errorStatus
        }
    }

    /// `group.version.Kind.namespace.name`, as kubectl names the files it compares.
    static func fileName(of object: any APIObject) -> String {
        let resource = type(of: object).resource
        let version = resource.group.isEmpty ? resource.version : "\(resource.group).\(resource.version)"
        return [version, resource.kind, resource.namespaced ? object.namespace : nil, object.name]
            .compactMap { $0 }.joined(separator: ".")
    }
}

/// The two folders kubectl diff compares: LIVE (objects now) and MERGED (after the apply).
struct DiffWorkspace {
    let live: URL
    let merged: URL

    init() throws {
        let base = FileManager.default.temporaryDirectory
        let suffix = UUID().uuidString.prefix(8)
        live = base.appendingPathComponent("LIVE-\(suffix)")
        merged = base.appendingPathComponent("MERGED-\(suffix)")
        for folder in [live, merged] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
    }

    /// Writes both sides of one object as YAML, without their managed fields as kubectl diff
    /// shows them; an object that does not exist yet has no LIVE file.
    func write(live object: JSONValue?, merged after: JSONValue, as name: String) throws {
        if let object {
            try Data(YAMLPrinter.render(ManagedFields.hidden(in: object)).utf8).write(to: live.appendingPathComponent(name))
        }
        try Data(YAMLPrinter.render(ManagedFields.hidden(in: after)).utf8).write(to: merged.appendingPathComponent(name))
    }

    /// Runs `diff -u -N LIVE MERGED` (or the program in KUBECTL_EXTERNAL_DIFF, as kubectl
    /// does) with its output on ours, and returns its exit status.
    func runDiff() throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let command = (environment["KUBECTL_EXTERNAL_DIFF"] ?? "diff -u -N").split(separator: " ").map(String.init)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command + [live.path, merged.path]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func remove() {
        try? FileManager.default.removeItem(at: live)
        try? FileManager.default.removeItem(at: merged)
    }
}

extension APIObject {
    /// The namespace the object goes in: its own, or `default`.
    var namespaceOrDefault: String { namespace.isEmpty ? "default" : namespace }
}
