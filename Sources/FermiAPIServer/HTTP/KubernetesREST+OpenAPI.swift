import FermiAPI
import Foundation

extension KubernetesREST {
    /// `/openapi/v3` (the index) and `/openapi/v3/apis/GROUP/VERSION` or `/openapi/v3/api/v1`
    /// (a group version's document), whatever `hash` the URL carries. OpenAPI v2 is not
    /// served: kubectl reads v3 and turns to v2 only when v3 is missing.
    func openAPI(_ parts: [String]) -> Response {
        if parts == ["openapi", "v3"] {
            return Response(code: 200, contentType: "application/json", body: openAPIDocuments.index)
        }
        if parts.count > 2, parts[1] == "v3", let document = openAPIDocuments.document(parts.dropFirst(2).joined(separator: "/")) {
            return Response(code: 200, contentType: "application/json", body: document)
        }
        return json(404, KubernetesStatus.status(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
    }
}
