import AsyncHTTPClient
import FermiAPI
import FermiStore
import Foundation
import NIOCore
import NIOFoundationCompat

/// Reads a watch's answer, one JSON event per line (`{"type":"ADDED","object":{...}}`), and
/// hands out its changes one at a time. It pulls from the HTTP body only when asked, so a slow
/// reader slows the connection instead of filling memory. Bookmarks are passed over; an ERROR
/// event is thrown as the `APIError` its Status means (410: the version was compacted).
actor WatchEventReader {
    private let lines: HTTPBodyLines
    private let resource: APIResource

    init(body: HTTPClientResponse.Body, resource: APIResource) {
        self.lines = HTTPBodyLines(body)
        self.resource = resource
    }

    /// The next change, or nil when the server ends the watch or the reading task is cancelled.
    func next() async throws -> (kind: String, object: JSONValue)? {
        while let line = try await nextLine() {
            let event: JSONValue
            do {
                event = try JSONParser.parse(Data(buffer: line))
            } catch {
                throw APIError.unavailable("the server sent an unreadable watch event: \(error)")
            }
            let kind = event["type"]?.stringValue ?? ""
            let object = event["object"] ?? .null
            switch kind {
            case "BOOKMARK":
                continue
            case "ERROR":
                guard case .integer(let code)? = object["code"] else {
                    throw APIError.unavailable("the watch of \(resource.qualifiedName) failed: \(JSONValue.compactJSON(object))")
                }
                throw APIError.from(status: Int(code), body: Data(JSONValue.compactJSONBytes(object)), resource: resource, name: "")
            default:
                return (kind, RemoteAPI.typed(object, as: resource))
            }
        }
        return nil
    }

    private func nextLine() async throws -> ByteBuffer? {
        do {
            return try await lines.next()
        } catch {
            throw APIError.unavailable("the watch of \(resource.qualifiedName) broke off: \(error)")
        }
    }
}
