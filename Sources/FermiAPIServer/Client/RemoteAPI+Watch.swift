import AsyncHTTPClient
import FermiAPI
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

extension RemoteAPI {
    public func watch<T: APIObject>(_ type: T.Type, namespace: String?, after resourceVersion: String) async throws
        -> AsyncThrowingStream<ObjectEvent<T>, any Error>
    {
        let reader = try await openWatch(of: T.resource, namespace: namespace, after: resourceVersion)
        return AsyncThrowingStream(unfolding: {
            guard let event = try await reader.next() else { return nil }
            guard let kind = ObjectEvent<T>.Kind(rawValue: event.kind) else {
                throw APIError.unavailable("the server sent a watch event of unknown type \(event.kind)")
            }
            return ObjectEvent(kind: kind, object: try Self.decode(T.self, event.object))
        })
    }

    public func objectEvents(of resource: APIResource, namespace: String?, after resourceVersion: String) async throws
        -> AsyncThrowingStream<(kind: String, object: JSONValue), any Error>
    {
        let reader = try await openWatch(of: resource, namespace: namespace, after: resourceVersion)
        return AsyncThrowingStream(unfolding: { try await reader.next() })
    }

    /// `GET ...?watch=true&resourceVersion=R`: the changes after R, streamed for as long as
    /// the reader reads.
    private func openWatch(of resource: APIResource, namespace: String?, after resourceVersion: String) async throws
        -> WatchEventReader
    {
        let request = request(
            .GET, Self.path(of: resource, namespace: namespace), query: [("watch", "true"), ("resourceVersion", resourceVersion)])
        let response = try await execute(request, timeout: .hours(24 * 365))
        guard response.status.code == 200 else {
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { Data(buffer: $0) } ?? Data()
            throw APIError.from(status: Int(response.status.code), body: body, resource: resource, name: "")
        }
        return WatchEventReader(body: response.body, resource: resource)
    }
}
