import Crypto
import FermiAPI
import Foundation
import Synchronization

/// The OpenAPI v3 documents kubectl reads: the index at `/openapi/v3`, naming each group
/// version's document by a URL that carries its hash (kubectl caches by that URL), and one
/// document per group version with its paths and every schema they use. Made on the first
/// request and kept, since the served kinds do not change while the server runs.
final class OpenAPIDocuments: Sendable {
    private let registry: KindRegistry
    private let made = Mutex<Made?>(nil)

    /// The index and the documents by group version path (`api/v1`, `apis/kubeflow.org/v1`), as JSON.
    struct Made: Sendable {
        var index: Data
        var documents: [String: Data]
    }

    init(registry: KindRegistry) {
        self.registry = registry
    }

    /// `{"paths": {"apis/kubeflow.org/v1": {"serverRelativeURL": "/openapi/v3/apis/kubeflow.org/v1?hash=..."}, ...}}`.
    var index: Data { documents.index }

    /// The document of the group version at `path` (`apis/kubeflow.org/v1`), if one is served.
    func document(_ path: String) -> Data? {
        documents.documents[path]
    }

    private var documents: Made {
        made.withLock { cached in
            if let cached { return cached }
            let new = Self.make(registry)
            cached = new
            return new
        }
    }

    private static func make(_ registry: KindRegistry) -> Made {
        let schemas = OpenAPISchemas(names: OpenAPISchemaNames(registry))
        var kindsByPath: [String: [any APIObject.Type]] = [:]
        for kind in registry.kinds {
            let resource = kind.resource
            kindsByPath[resource.group.isEmpty ? "api/\(resource.version)" : "apis/\(resource.group)/\(resource.version)", default: []].append(kind)
        }
        var documents: [String: Data] = [:]
        var index: [String: JSONValue] = [:]
        for (path, kinds) in kindsByPath {
            let document = Data(JSONValue.compactJSON(Self.document(kinds, schemas: schemas)).utf8)
            documents[path] = document
            let hash = SHA512.hash(data: document).map { String(format: "%02X", $0) }.joined()
            index[path] = .object(["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")])
        }
        return Made(index: Data(JSONValue.compactJSON(.object(["paths": .object(index)])).utf8), documents: documents)
    }

    /// One group version's document: OpenAPI 3.0 with its kinds' paths and schemas, and the
    /// bearer token it takes.
    private static func document(_ kinds: [any APIObject.Type], schemas: OpenAPISchemas) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for kind in kinds {
            paths.merge(OpenAPIPaths(kind, schema: OpenAPISchemaNames.kindName(kind.resource)).items) { first, _ in first }
        }
        return .object([
            "openapi": .string("3.0.0"),
            "info": .object(["title": .string("Fermi"), "version": KubernetesREST.version["gitVersion"] ?? .string("")]),
            "paths": .object(paths),
            "components": .object([
                "schemas": .object(schemas.schemas(for: kinds)),
                "securitySchemes": .object([
                    "BearerToken": .object([
                        "type": .string("apiKey"), "in": .string("header"), "name": .string("authorization"),
                        "description": .string("A bearer token from the server's token file."),
                    ])
                ]),
            ]),
            "security": .array([.object(["BearerToken": .array([])])]),
        ])
    }
}
