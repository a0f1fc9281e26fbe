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

    /// One object as the JSON a GET answers with: the stored bytes with the resource version
    /// written in, the same bytes `JSONValue.compactJSONBytes` would make of `object(of:)`.
    public func objectJSONBytes(of resource: APIResource, namespace: String, name: String) async throws -> [UInt8] {
        let key = StorageKey.key(of: resource, namespace: namespace, name: name)
        do {
            let stored = try await store.get(key)
            return try StoredJSON.stamping(stored.value, resourceVersion: String(stored.modRevision))
                ?? JSONValue.compactJSONBytes(Self.json(from: stored))
        } catch {
            throw APIError.from(error, resource: resource, name: name)
        }
    }

    /// The objects of any kind at one revision, filtered by the selectors, without decoding
    /// them into their types, each made into what the caller keeps of it as soon as it is
    /// parsed: what `get` and `describe` print from.
    public func objects<Item: Sendable>(
        of resource: APIResource, namespace: String?, labels: LabelSelectorQuery, fields: FieldSelectorQuery,
        each keep: @escaping @Sendable (JSONValue) throws -> Item
    ) async throws -> (items: [Item], resourceVersion: String) {
        let prefix = StorageKey.prefix(of: resource, namespace: namespace)
        let matches = { @Sendable (object: JSONValue) -> Bool in
            let objectLabels = object["metadata"]?["labels"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
            return labels.matches(objectLabels) && fields.matches(object)
        }
        // A big list is read a page at a time and each page is parsed while the next is read:
        // reading from the store and parsing each take about a core.
        return try await withThrowingTaskGroup(of: (Int, [Item]).self) { group in
            var pageCount = 0
            let revision: Int64
            do {
                revision = try await store.forEachPage(prefix: prefix) { page in
                    let number = pageCount
                    pageCount += 1
                    // Parsing runs below the reading loop's priority, so that reading the next
                    // page is not queued behind the pages already read.
                    group.addTask(priority: .utility) {
                        var items: [Item] = []
                        for stored in page.items {
                            let object = try Self.json(from: stored)
                            if matches(object) { items.append(try keep(object)) }
                        }
                        return (number, items)
                    }
                }
            } catch {
                throw APIError.from(error, resource: resource, name: "")
            }
            var pages = [[Item]](repeating: [], count: pageCount)
            for try await (number, items) in group { pages[number] = items }
            return (pages.flatMap { $0 }, String(revision))
        }
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
