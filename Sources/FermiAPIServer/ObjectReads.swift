import FermiAPI
import FermiStore
import Foundation

extension APIServer {
    /// One object of any kind as JSON (with its resourceVersion): what `get -o yaml` prints.
    public func object(of resource: APIResource, namespace: String, name: String) async throws
        -> JSONValue
    {
        let key = StorageKey.key(of: resource, namespace: namespace, name: name)
        do {
            return try Self.json(from: try await store.get(key))
        } catch {
            throw APIError.from(error, resource: resource, name: name)
        }
    }

    /// The objects of any kind as JSON, at one revision, filtered by the selectors, without
    /// decoding them into their types: what `get` and `describe` print from.
    public func objects(
        of resource: APIResource, namespace: String? = nil, labels: LabelSelectorQuery = .init(),
        fields: FieldSelectorQuery = .init()
    ) async throws -> (items: [JSONValue], resourceVersion: String) {
        let page: ListPage
        do {
            page = try await store.listAll(prefix: StorageKey.prefix(of: resource, namespace: namespace))
        } catch {
            throw APIError.from(error, resource: resource, name: "")
        }
        // Parsing is most of a big list's time: it is shared out over the cores.
        let items = try await page.items.concurrentMap(minimumPerPart: 1_000) { item -> JSONValue? in
            let object = try Self.json(from: item)
            let objectLabels = object["metadata"]?["labels"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
            return labels.matches(objectLabels) && fields.matches(object) ? object : nil
        }.compactMap { $0 }
        return (items, String(page.revision))
    }

    private static func json(from stored: KeyValue) throws -> JSONValue {
        let object = try JSONParser.parse(stored.value)
        guard case .object(var members) = consume object else { return try JSONParser.parse(stored.value) }
        guard case .object(var metadata)? = members["metadata"] else { return .object(members) }
        // Each dictionary is let go of by its holder before it changes, so neither is copied.
        members["metadata"] = nil
        metadata["resourceVersion"] = .string(String(stored.modRevision))
        members["metadata"] = .object(metadata)
        return .object(members)
    }
}

extension APIServer {
    /// Every change to objects of any kind after `resourceVersion`, as JSON: what `get -w`
    /// prints from. Deleted objects come as they were last stored.
    public func objectEvents(of resource: APIResource, namespace: String? = nil, after resourceVersion: String)
        async throws -> AsyncThrowingStream<(kind: String, object: JSONValue), any Error>
    {
        let events = try await storeEvents(of: resource, namespace: namespace, after: resourceVersion)
        return AsyncThrowingStream(unfolding: {
            guard let event = try await events.next() else { return nil }
            switch event.kind {
            case .created: return ("ADDED", try Self.json(from: event.current!))
            case .updated: return ("MODIFIED", try Self.json(from: event.current!))
            case .deleted: return ("DELETED", try Self.json(from: event.previous!))
            }
        })
    }
}
