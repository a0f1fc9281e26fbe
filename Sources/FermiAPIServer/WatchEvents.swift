import FermiAPI
import FermiStore

/// A store watch's iterator, read by one consumer at a time (an unfolding stream calls it
/// serially); a watch overtaken by compaction ends with `APIError.gone`, and the caller lists
/// again.
final class WatchEvents: @unchecked Sendable {
    private var iterator: WatchStream.AsyncIterator
    /// The kind errors are said about.
    private let resource: APIResource

    init(_ iterator: WatchStream.AsyncIterator, resource: APIResource) {
        self.iterator = iterator
        self.resource = resource
    }

    func next() async throws -> WatchEvent? {
        do {
            return try await iterator.next()
        } catch {
            throw APIError.from(error, resource: resource, name: "")
        }
    }
}
