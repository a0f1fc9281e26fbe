import FermiAPI
import FermiStore
import Foundation

extension APIServer {
    /// Creates many objects in one write to the store, each defaulted and validated as
    /// `create` does it (an invalid one fails the whole batch, before anything is written).
    /// Returns each object as created, or nil for one whose name was already taken.
    public func create<T: APIObject>(batch objects: [T]) async throws -> [T?] {
        guard !objects.isEmpty else { return [] }
        var admitted = objects
        for index in admitted.indices { try stampNew(&admitted[index]) }
        if T.resource.namespaced {
            for namespace in Set(admitted.map(\.namespace)) { try await requireNamespace(namespace) }
        }
        var writes: [StoreWrite] = []
        var keys = Set<String>()
        for object in admitted {
            let key = StorageKey.key(of: T.resource, namespace: object.namespace, name: object.name)
            guard keys.insert(key).inserted else { return try await createOneByOne(admitted) }
            writes.append(.create(key: key, value: try ObjectCodec.encode(object)))
        }
        do {
            let result = try await store.commit(writes)
            return zip(admitted, writes).map { object, write in
                var created = object
                created.metadata.resourceVersion = String(result.revision)
                remember(created, at: write.key, revision: result.revision)
                return created
            }
        } catch StoreError.alreadyExists {
            return try await createOneByOne(admitted)
        } catch {
            throw APIError.from(error, resource: T.resource, name: admitted[0].name)
        }
    }

    /// Each of `objects` created on its own: nil for one that exists (or is named twice).
    private func createOneByOne<T: APIObject>(_ objects: [T]) async throws -> [T?] {
        var created: [T?] = []
        for object in objects {
            do {
                created.append(try await create(object))
            } catch APIError.alreadyExists {
                created.append(nil)
            }
        }
        return created
    }

    /// Writes the status of many objects in one write to the store, each as `updateStatus`
    /// does it. Returns each object as written, or nil for one that is gone or no longer at
    /// the resourceVersion it names.
    public func updateStatus<T: APIObject>(batch objects: [T]) async throws -> [T?] {
        guard !objects.isEmpty, T.resource.hasStatus else { return objects.map { _ in nil } }
        let keys = objects.map { object in
            StorageKey.key(
                of: T.resource, namespace: T.resource.namespaced ? (object.metadata.namespace ?? "default") : "",
                name: object.name)
        }
        guard Set(keys).count == keys.count else { return try await updateStatusOneByOne(objects) }
        let stored: [KeyValue?]
        do {
            stored = try await store.currentValues(of: keys)
        } catch {
            throw APIError.from(error, resource: T.resource, name: objects[0].name)
        }
        var results: [T?] = Array(repeating: nil, count: objects.count)
        var writes: [StoreWrite] = []
        var written: [Int] = []
        for (index, object) in objects.enumerated() {
            guard let current = stored[index] else { continue }
            do {
                let (next, value) = try statusWrite(of: object, over: current)
                results[index] = next
                writes.append(.update(key: keys[index], value: value, expectedRevision: current.modRevision))
                written.append(index)
            } catch APIError.conflict {
                continue
            }
        }
        guard !writes.isEmpty else { return results }
        do {
            let result = try await store.commit(writes)
            for index in written {
                results[index]?.metadata.resourceVersion = String(result.revision)
                if let object = results[index] { remember(object, at: keys[index], revision: result.revision) }
            }
            return results
        } catch StoreError.conflict, StoreError.notFound {
            // One changed between the read and the write: the rest go one by one.
            return try await updateStatusOneByOne(objects)
        } catch {
            throw APIError.from(error, resource: T.resource, name: objects[0].name)
        }
    }

    private func updateStatusOneByOne<T: APIObject>(_ objects: [T]) async throws -> [T?] {
        var results: [T?] = []
        for object in objects {
            do {
                results.append(try await updateStatus(object))
            } catch APIError.conflict, APIError.notFound {
                results.append(nil)
            }
        }
        return results
    }
}
