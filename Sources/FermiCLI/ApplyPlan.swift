import FermiAPI
import FermiAPIServer

/// Everything an apply will do, checked before any of it is done: a multi-document apply
/// with one bad document applies nothing.
struct ApplyPlan {
    private(set) var decoded: [DecodedManifest] = []
    /// Problems that stop the apply, each with file, line and field.
    private(set) var errors: [String] = []
    /// Unknown fields: warnings, or errors with `--validate=strict`.
    private(set) var warnings: [String] = []

    /// The plan for the manifests at `paths`: each file parsed, decoded and validated on its
    /// own core; a file that is not YAML fails the whole read, the first such file in order.
    static func reading(_ paths: [String], recursive: Bool) async throws -> ApplyPlan {
        let files = try ManifestFiles.read(paths, recursive: recursive)
        let perFile = try await files.concurrentMap { file in
            Result { ApplyPlan(documents: try ManifestParser.parse(file.text, source: file.source)) }
        }
        var plan = ApplyPlan(documents: [])
        for filePlan in perFile {
            let filePlan = try filePlan.get()
            plan.decoded += filePlan.decoded
            plan.errors += filePlan.errors
            plan.warnings += filePlan.warnings
        }
        return plan
    }

    init(documents: [ManifestDocument]) {
        let decoder = ManifestDecoder()
        for document in documents {
            do {
                let manifest = try decoder.decode(document)
                decoded.append(manifest)
                errors += manifest.validationErrors().map(\.description)
                warnings += manifest.unknownFieldWarnings()
            } catch {
                errors.append(error.description)
            }
        }
    }

    /// Namespaces first, so that a folder can create the namespace its objects go in; then
    /// everything else in file order.
    var objectsInApplyOrder: [any APIObject] {
        let objects = decoded.map(\.object)
        return objects.filter { type(of: $0).resource.kind == "Namespace" && type(of: $0).resource.group.isEmpty }
            + objects.filter { !(type(of: $0).resource.kind == "Namespace" && type(of: $0).resource.group.isEmpty) }
    }

    /// Objects whose namespace neither exists nor is created by this apply, as kubectl says it.
    func missingNamespaces(in server: APIServer) async throws -> [String] {
        let created = Set(
            decoded.filter { type(of: $0.object).resource.kind == "Namespace" }.map(\.object.name))
        var missing: [String] = []
        var known: [String: Bool] = [:]
        for manifest in decoded where type(of: manifest.object).resource.namespaced {
            let namespace = manifest.object.namespace.isEmpty ? "default" : manifest.object.namespace
            if created.contains(namespace) { continue }
            if known[namespace] == nil {
                known[namespace] = try await server.namespaceExists(namespace)
            }
            if known[namespace] == false {
                missing.append(
                    "\(manifest.document.location(of: FieldPath("metadata", "namespace"))): namespaces \"\(namespace)\" not found")
            }
        }
        return missing
    }
}

