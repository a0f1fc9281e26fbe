import FermiAPI
import FermiAPIServer

extension ApplyPlan {
    /// The plan for the manifests at `paths` (files, folders, `-`), as `-f` names them.
    static func reading(_ paths: [String], recursive: Bool) async throws -> ApplyPlan {
        try await parsing(try ManifestFiles.read(paths, recursive: recursive))
    }
}
