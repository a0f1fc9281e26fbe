import FermiAPI
import FermiAPIServer
import FermiStore
import Foundation
import Testing

/// The OpenAPI v3 documents kubectl reads: an index of hashed URLs, and per group version the
/// kinds' schemas made from their documentation and the operations that name their kinds.
@Suite("OpenAPI documents")
struct OpenAPIDocumentTests {
    let rest = KubernetesREST(server: APIServer(store: MemoryStore(), registry: .served))

    private func get(_ path: String) async throws -> (code: Int, body: JSONValue) {
        let (bare, query) = path.split(separator: "?", maxSplits: 1).map(String.init).splitQuery()
        let response = await rest.handle(method: "GET", path: bare, query: query, accept: "application/json", body: Data())
        return (response.code, try JSONParser.parse(response.body))
    }

    /// The index, and each group version's document by its path in the index.
    private func documents() async throws -> [String: JSONValue] {
        let index = try await get("/openapi/v3").body
        var documents: [String: JSONValue] = [:]
        for (path, entry) in index["paths"]?.objectValue ?? [:] {
            let url = try #require(entry["serverRelativeURL"]?.stringValue)
            let answer = try await get(url)
            #expect(answer.code == 200, "\(url)")
            documents[path] = answer.body
        }
        return documents
    }

    @Test func theIndexNamesEveryServedGroupVersionByAHashedURL() async throws {
        let index = try await get("/openapi/v3").body
        let paths = try #require(index["paths"]?.objectValue)
        for kind in KindRegistry.served.kinds {
            let resource = kind.resource
            let path = resource.group.isEmpty ? "api/\(resource.version)" : "apis/\(resource.group)/\(resource.version)"
            let url = try #require(paths[path]?["serverRelativeURL"]?.stringValue, "\(path) is missing")
            #expect(url.hasPrefix("/openapi/v3/\(path)?hash="))
            #expect(url.count == "/openapi/v3/\(path)?hash=".count + 128, "a SHA-512 in hex")
        }
        #expect(try await get("/openapi/v3/apis/nothing.example.com/v1").code == 404)
    }

    @Test func aKindsSchemaCarriesItsGroupVersionKindAndItsFieldsDocumentation() async throws {
        let document = try await get("/openapi/v3/apis/kubeflow.org/v1").body
        let schemas = try #require(document["components"]?["schemas"])
        let job = try #require(schemas["org.kubeflow.v1.PyTorchJob"])
        #expect(job["x-kubernetes-group-version-kind"] == .array([.object(["group": .string("kubeflow.org"), "version": .string("v1"), "kind": .string("PyTorchJob")])]))
        #expect(job["description"]?.stringValue == APIDocs.types["PyTorchJob"]?.doc)
        #expect(job["properties"]?["apiVersion"]?["type"] == .string("string"))
        #expect(job["properties"]?["spec"]?["$ref"] == .string("#/components/schemas/org.kubeflow.v1.PyTorchJobSpec"))
        let spec = try #require(schemas["org.kubeflow.v1.PyTorchJobSpec"])
        let replicas = try #require(spec["properties"]?["pytorchReplicaSpecs"])
        #expect(replicas["type"] == .string("object"))
        #expect(replicas["additionalProperties"]?["$ref"] == .string("#/components/schemas/org.kubeflow.v1.ReplicaSpec"))
        #expect(replicas["description"]?.stringValue == APIDocs.types["PyTorchJobSpec"]?.fields.first { $0.name == "pytorchReplicaSpecs" }?.doc)
        let runPolicy = try #require(spec["properties"]?["runPolicy"])
        #expect(runPolicy["allOf"] == .array([.object(["$ref": .string("#/components/schemas/org.kubeflow.v1.RunPolicy")])]))
        // Types Kubernetes defines keep Kubernetes' names, whichever group uses them.
        #expect(schemas["io.k8s.api.core.v1.Container"] != nil)
        #expect(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"] != nil)
        #expect(schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"]?["oneOf"] != nil)
    }

    @Test func aFieldIsRequiredWhenLeavingItOutFailsDecoding() async throws {
        let document = try await get("/openapi/v3/apis/rbac.authorization.k8s.io/v1").body
        let schemas = try #require(document["components"]?["schemas"])
        #expect(schemas["io.k8s.api.rbac.v1.RoleBinding"]?["required"] == .array([.string("roleRef")]))
        #expect(schemas["io.k8s.api.rbac.v1.RoleRef"]?["required"] == .array([.string("kind"), .string("name")]))
        #expect(schemas["io.k8s.api.rbac.v1.PolicyRule"]?["required"] == .array([.string("verbs")]))
        // metadata decodes from nothing: an empty struct stands in for it.
        #expect(schemas["io.k8s.api.rbac.v1.Role"]?["required"] == nil)
    }

    @Test func everyReferenceResolvesInItsOwnDocument() async throws {
        for (path, document) in try await documents() {
            let schemas = try #require(document["components"]?["schemas"]?.objectValue, "\(path)")
            for reference in Self.references(in: document) {
                let name = String(reference.dropFirst("#/components/schemas/".count))
                #expect(reference.hasPrefix("#/components/schemas/") && schemas[name] != nil, "\(path): \(reference) does not resolve")
            }
        }
    }

    @Test func everyKindsPatchOperationNamesItsKindAndTakesFieldValidation() async throws {
        let documents = try await documents()
        for kind in KindRegistry.served.kinds {
            let resource = kind.resource
            let path = resource.group.isEmpty ? "api/\(resource.version)" : "apis/\(resource.group)/\(resource.version)"
            let items = try #require(documents[path]?["paths"]?.objectValue)
            let named = items.first { key, _ in key.hasSuffix("/\(resource.plural)/{name}") }?.value
            let patch = try #require(named?["patch"], "\(resource.kind) has no PATCH operation")
            #expect(patch["x-kubernetes-group-version-kind"] == .object([
                "group": .string(resource.group), "version": .string(resource.version), "kind": .string(resource.kind),
            ]))
            let parameters = patch["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(parameters.contains("fieldValidation"), "\(resource.kind)")
            #expect(patch["requestBody"]?["content"]?["application/apply-patch+yaml"] != nil)
            let schemas = try #require(documents[path]?["components"]?["schemas"])
            let schema = try #require(schemas[Self.schemaName(of: resource)], "\(resource.kind) has no schema")
            #expect(schema["x-kubernetes-group-version-kind"]?.arrayValue?.count == 1)
        }
    }

    /// The schema name kube-apiserver would give the kind.
    private static func schemaName(of resource: APIResource) -> String {
        switch resource.group {
        case "": "io.k8s.api.core.\(resource.version).\(resource.kind)"
        case "batch": "io.k8s.api.batch.\(resource.version).\(resource.kind)"
        case "rbac.authorization.k8s.io": "io.k8s.api.rbac.\(resource.version).\(resource.kind)"
        case "scheduling.k8s.io": "io.k8s.api.scheduling.\(resource.version).\(resource.kind)"
        default: resource.group.split(separator: ".").reversed().joined(separator: ".") + ".\(resource.version).\(resource.kind)"
        }
    }

    private static func references(in value: JSONValue) -> [String] {
        switch value {
        case .object(let members):
            return (members["$ref"]?.stringValue.map { [$0] } ?? []) + members.values.flatMap { references(in: $0) }
        case .array(let items): return items.flatMap { references(in: $0) }
        default: return []
        }
    }
}

extension Array where Element == String {
    /// `["/path", "a=1&b=2"]` as the path and its query.
    fileprivate func splitQuery() -> (String, [String: String]) {
        var query: [String: String] = [:]
        for pair in (count > 1 ? self[1] : "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            query[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return (first ?? "", query)
    }
}
