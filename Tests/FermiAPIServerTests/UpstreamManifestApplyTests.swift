import FermiAPI
import FermiAPIServer
import FermiStore
import Foundation
import Testing

/// The upstream-style manifests apply whole through the API layer and read back as applied.
@Suite("Upstream manifests through the API layer")
struct UpstreamManifestApplyTests {
    @Test func theFolderAppliesWholeAndReadsBackEqual() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/upstream-manifests")
        let server = APIServer(store: MemoryStore())
        try await server.ensureDefaultNamespace()
        var objects: [any APIObject] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".yaml") }).sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for document in try ManifestParser.parse(text, source: file) {
                objects.append(try ManifestDecoder().decode(document).object)
            }
        }
        let results = try await server.applyAll(objects)
        #expect(results.allSatisfy { $0.outcome == .created })
        for result in results {
            let resource = type(of: result.object).resource
            let stored = try await server.object(
                of: resource, namespace: resource.namespaced ? result.object.namespace : "", name: result.object.name)
            var expected = JSONValue.encoding(result.object)
            if case .object(var members) = expected, case .object(var metadata)? = members["metadata"] {
                metadata["resourceVersion"] = stored.value(at: "metadata.resourceVersion")
                members["metadata"] = .object(metadata)
                expected = .object(members)
            }
            #expect(stored == expected, "\(resource.kind)/\(result.object.name)")
        }
        let again = try await server.applyAll(objects)
        #expect(again.allSatisfy { $0.outcome == .unchanged })
    }
}
