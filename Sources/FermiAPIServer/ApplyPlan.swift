import FermiAPI

/// Everything an apply will do, checked before any of it is done: a multi-document apply
/// with one bad document applies nothing.
public struct ApplyPlan: Sendable {
    public private(set) var decoded: [DecodedManifest] = []
    /// Problems that stop the apply, each with file, line and field.
    public private(set) var errors: [String] = []
    /// Unknown fields: warnings, or errors with `--validate=strict`.
    public private(set) var warnings: [String] = []
    /// What each decoded manifest's kind is, worked out while decoding (on every core), for
    /// the passes over all of them that follow on one.
    private var kinds: [KindTraits] = []

    private struct KindTraits {
        var rank: Int
        var namespaced: Bool
        /// Namespaces, and only they, are applied first.
        var isNamespace: Bool { rank == 0 }
    }

    /// The plan for manifest `files` (the name to report each by, and its text): each parsed,
    /// decoded and (with `validating`) validated on its own core; a file that is not YAML
    /// fails the whole read, the first such file in order. Without `validating`, the rules
    /// are left to a server whose `applyAll` admits every manifest before writing any
    /// (`ObjectWriter.appliesAllOrNothing`): checked there, they need not be checked twice.
    public static func parsing(_ files: [(source: String, text: String)], validating: Bool = true) async throws -> ApplyPlan {
        let perFile = try files.concurrentMap { file throws(ManifestError) in
            ApplyPlan(documents: try ManifestParser.parse(file.text, source: file.source), validating: validating)
        }
        var plan = ApplyPlan(documents: [])
        for filePlan in perFile {
            plan.decoded += filePlan.decoded
            plan.kinds += filePlan.kinds
            plan.errors += filePlan.errors
            plan.warnings += filePlan.warnings
        }
        return plan
    }

    public init(documents: [ManifestDocument], validating: Bool = true) {
        let decoder = ManifestDecoder()
        for document in documents {
            do {
                let manifest = try decoder.decode(document)
                let type = type(of: manifest.object)
                decoded.append(manifest)
                kinds.append(KindTraits(rank: Self.rank(type), namespaced: type.resource.namespaced))
                if validating { errors += manifest.validationErrors().map(\.description) }
                warnings += manifest.unknownFieldWarnings()
            } catch {
                errors.append(error.description)
            }
        }
    }

    /// What others use first, so that a folder applies whole in one go: namespaces, then
    /// what other objects name (priority classes, queues, flavors, cluster and local queues,
    /// configuration, claims, the cluster's pools and zones, images, datasets), then the rest,
    /// each in file order.
    public var objectsInApplyOrder: [any APIObject] {
        manifestsInApplyOrder.map(\.object)
    }

    /// The objects in apply order, each with the document its file wrote, which apply records.
    public var manifestsInApplyOrder: [AppliedManifest] {
        applyOrder.map { AppliedManifest(decoded[$0].object, document: decoded[$0].document.value) }
    }

    /// The positions in `decoded` in the order they are applied.
    private var applyOrder: [Int] {
        var ordered: [Int] = []
        ordered.reserveCapacity(decoded.count)
        for rank in 0...2 {
            ordered += decoded.indices.filter { kinds[$0].rank == rank }
        }
        return ordered
    }

    /// What the server found wrong with the manifests `manifestsInApplyOrder` gave it, each
    /// placed on its file and line as the plan's own errors are, in file order.
    public func errors(of rejection: RejectedManifests) -> [String] {
        let order = applyOrder
        return rejection.failures.sorted { order[$0.index] < order[$1.index] }.flatMap { failure -> [String] in
            let document = decoded[order[failure.index]].document
            if case APIError.invalid(_, _, let fieldErrors) = failure.error {
                return fieldErrors.map { ManifestError.invalid(location: document.location(of: $0.field), error: $0).description }
            }
            return ["\(document.location(of: FieldPath())): \(failure.error)"]
        }
    }

    /// The kinds applied after namespaces and before the rest.
    private static let appliedFirst: Set<String> = [
        "PriorityClass", "Queue", "ResourceFlavor", "ClusterQueue", "LocalQueue", "ConfigMap", "Secret", "PersistentVolumeClaim",
        "Zone", "NodePool", "Image", "Dataset", "AlluxioRuntime", "Model",
    ]

    /// The order a kind is applied in: lower first.
    static func rank(_ type: any APIObject.Type) -> Int {
        let resource = type.resource
        if resource.group.isEmpty && resource.kind == "Namespace" { return 0 }
        return appliedFirst.contains(resource.kind) ? 1 : 2
    }

    /// Puts the namespaced objects that name no namespace in `namespace`, as `kubectl apply -n`
    /// (or the kubeconfig context's namespace) does. With `explicit` (`-n` was given), an object
    /// that names another namespace is an error, as kubectl makes it.
    public mutating func place(in namespace: String, explicit: Bool) {
        // In place: a copy of the object to change would copy all of it.
        for index in decoded.indices where kinds[index].namespaced {
            let named = decoded[index].object.namespace
            if named.isEmpty {
                decoded[index].object.metadata.namespace = namespace
            } else if explicit, named != namespace {
                let location = decoded[index].document.location(of: FieldPath("metadata", "namespace"))
                errors.append(
                    "\(location): the namespace from the provided object \"\(named)\" does not match the namespace "
                        + "\"\(namespace)\". You must pass '--namespace=\(named)' to perform this operation.")
            }
        }
    }

    /// Objects whose namespace neither exists nor is created by this apply, as kubectl says it.
    public func missingNamespaces(in server: any ObjectReader) async throws -> [String] {
        let created = Set(decoded.indices.filter { kinds[$0].isNamespace }.map { decoded[$0].object.name })
        var missing: [String] = []
        var known: [String: Bool] = [:]
        for index in decoded.indices where kinds[index].namespaced {
            let named = decoded[index].object.namespace
            let namespace = named.isEmpty ? "default" : named
            if created.contains(namespace) { continue }
            if known[namespace] == nil {
                known[namespace] = try await server.namespaceExists(namespace)
            }
            if known[namespace] == false {
                missing.append(
                    "\(decoded[index].document.location(of: FieldPath("metadata", "namespace"))): namespaces \"\(namespace)\" not found")
            }
        }
        return missing
    }
}
