import FermiAPI
import FermiAPIServer

extension ApplyPlan {
    /// The plan for the manifests at `paths` (files, folders, `-`), as `-f` names them;
    /// without `validating`, the server is left to check the rules (see `parsing`).
    static func reading(_ paths: [String], recursive: Bool, validating: Bool = true) async throws -> ApplyPlan {
        try await parsing(try ManifestFiles.read(paths, recursive: recursive), validating: validating)
    }
}
