import ArgumentParser
import FermiAPI
import FermiAPIServer
import Foundation

/// `fermi apply -f FILE|DIR|-`: create or update objects from manifests, as kubectl apply.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply manifests: create what is new, update what changed, leave the rest.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .shortAndLong, help: "A manifest file, a folder of them, or - for standard input.")
    var filename: [String] = []
    @Flag(name: [.customShort("R"), .long], help: "Read folders recursively.")
    var recursive = false
    @Option(help: "none, client or server: with client or server, show what would happen and change nothing.")
    var dryRun: DryRun = .none
    @Option(help: "strict (unknown fields are errors), warn (the default: they are warnings) or ignore.")
    var validate: ValidationMode = .warn
    @Option(name: .shortAndLong, help: "The namespace of objects that name none (default: the kubeconfig context's, else default).")
    var namespace: String?

    func run() async throws {
        guard !filename.isEmpty else {
            throw ValidationError("must specify one of -f and -k")
        }
        let server = try await global.openAPI()
        // A server that admits every manifest before writing any checks the rules once, for
        // all of them; otherwise (a dry run, a remote server) they are checked here first.
        let serverChecksAll = dryRun == .none && server.appliesAllOrNothing
        var plan = try await ApplyPlan.reading(filename, recursive: recursive, validating: !serverChecksAll)
        plan.place(in: try global.namespace(namespace), explicit: namespace != nil)
        for warning in plan.warnings where validate == .warn {
            FileHandle.standardError.write(Data("Warning: \(warning)\n".utf8))
        }
        var errors = plan.errors + (validate == .strict ? plan.warnings : [])
        errors += try await plan.missingNamespaces(in: server)
        guard errors.isEmpty else { throw Self.failure(errors) }
        // The manifests, the objects applied and what the server remembers of them are left
        // for the exit to free: freeing 10,000 of them one by one took a quarter of a second.
        ReclaimedAtExit.keep(plan)
        ReclaimedAtExit.keep(server)
        if dryRun == .none {
            let results: [(object: any APIObject, outcome: ApplyOutcome)]
            do {
                results = try await server.applyAll(plan.manifestsInApplyOrder)
            } catch let rejection as RejectedManifests {
                throw Self.failure(plan.errors(of: rejection))
            }
            ReclaimedAtExit.keep(results.map(\.object))
            // One write for all the lines, not a locked print per object.
            var report = ""
            for result in results { report += "\(result.object.displayName) \(result.outcome.rawValue)\n" }
            FileHandle.standardOutput.write(Data(report.utf8))
        } else {
            for manifest in plan.manifestsInApplyOrder {
                let result = try await server.applyAny(manifest, dryRun: true)
                print("\(manifest.object.displayName) \(result.outcome.rawValue)\(dryRun.suffix)")
            }
        }
    }
}

extension ApplyCommand {
    /// Reports each of `errors` on its own line and fails, applying nothing.
    static func failure(_ errors: [String]) -> ExitCode {
        FileHandle.standardError.write(Data(errors.map { "error: \($0)\n" }.joined().utf8))
        return ExitCode.failure
    }
}

/// `--dry-run`: none, or where the dry run is decided.
enum DryRun: String, ExpressibleByArgument {
    case none, client, server

    var suffix: String {
        switch self {
        case .none: ""
        case .client: " (dry run)"
        case .server: " (server dry run)"
        }
    }
}

/// `--validate`: what unknown fields are.
enum ValidationMode: String, ExpressibleByArgument {
    case strict, warn, ignore

    init?(argument: String) {
        switch argument {
        case "strict", "true": self = .strict
        case "warn": self = .warn
        case "ignore", "false": self = .ignore
        default: return nil
        }
    }
}
