import FermiAPI
import FermiStore
import Foundation

extension APIServer {
    /// Binds a pod to a node, as the `pods/binding` subresource does: only a pod that is not
    /// yet bound (a conflict otherwise).
    public func bind(_ pod: Pod, to nodeName: String) async throws -> Pod {
        guard pod.spec.nodeName == nil, let bound = try await bind([(pod, nodeName)]).first else {
            throw APIError.conflict(resource: Pod.resource.qualifiedName, name: pod.name)
        }
        return bound
    }

    /// Binds many pods at once, as many `pods/binding` calls would, in one write to the store:
    /// each pod only if it is still the same pod (uid) and not yet bound. Returns the pods
    /// bound; one that went, was bound meanwhile or changed as the batch was written is left
    /// out, for the caller's next look.
    public func bind(_ bindings: [(pod: Pod, node: String)]) async throws -> [Pod] {
        guard !bindings.isEmpty else { return [] }
        let keys = bindings.map { StorageKey.key(of: Pod.resource, namespace: $0.pod.namespace, name: $0.pod.name) }
        let current: [KeyValue?]
        do {
            current = try await store.currentValues(of: keys)
        } catch {
            throw APIError.from(error, resource: Pod.resource, name: bindings[0].pod.name)
        }
        var writes: [StoreWrite] = []
        var written: [Int] = []
        var seen = Set<String>()
        for (index, binding) in bindings.enumerated() {
            guard let stored = current[index], seen.insert(keys[index]).inserted,
                let value = try Self.bound(stored.value, uid: binding.pod.metadata.uid, to: binding.node)
            else { continue }
            writes.append(.update(key: keys[index], value: value, expectedRevision: stored.modRevision))
            written.append(index)
        }
        guard !writes.isEmpty else { return [] }
        do {
            let result = try await store.commit(writes)
            return written.map { index in
                var pod = bindings[index].pod
                pod.spec.nodeName = bindings[index].node
                pod.metadata.resourceVersion = String(result.revision)
                // The pod as now stored, when this server remembers the value the binding
                // edited (the caller's copy is not trusted to be that value).
                if let stored = current[index].flatMap({ recentWrites.object(writtenAs: $0) as? Pod }) {
                    var bound = stored
                    bound.spec.nodeName = bindings[index].node
                    bound.metadata.resourceVersion = String(result.revision)
                    remember(bound, at: keys[index], revision: result.revision)
                }
                return pod
            }
        } catch StoreError.conflict, StoreError.notFound {
            // A pod changed between the read and the write: bind the rest one by one.
            guard writes.count > 1 else { return [] }
            var bound: [Pod] = []
            for index in written { bound += try await bind([bindings[index]]) }
            return bound
        } catch {
            throw APIError.from(error, resource: Pod.resource, name: bindings[0].pod.name)
        }
    }

    /// The stored pod `stored` bound to `node`, if it is still the pod with `uid` and not yet
    /// bound (nil otherwise). Only the binding field changes, so the pod is edited as JSON,
    /// not decoded: in its bytes where they are as the store writes them, else parsed.
    static func bound(_ stored: Data, uid: String?, to node: String) throws -> Data? {
        let expectedUID = uid.map { JSONValue.compactJSONBytes(.string($0)) }
        let nodeName = JSONValue.compactJSONBytes(.string(node))
        // nil: not readable in place; .some(nil): not to be bound.
        let edited = stored.withUnsafeBytes { raw -> Data?? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let uidPlace = StoredJSON.place(of: "uid", in: "metadata", of: bytes),
                let nodePlace = StoredJSON.place(of: "nodeName", in: "spec", of: bytes)
            else { return nil }
            let storedUID = uidPlace.value.map { Array(bytes[$0]) }
            let unbound = nodePlace.value.map { bytes[$0].elementsEqual("null".utf8) } ?? true
            guard storedUID == expectedUID, unbound else { return .some(nil) }
            return Data(StoredJSON.setting("nodeName", to: nodeName, at: nodePlace, of: bytes))
        }
        if let edited { return edited }
        guard case .object(var members) = try JSONParser.parse(stored), case .object(var spec)? = members["spec"],
            members["metadata"]?["uid"] == uid.map(JSONValue.string), spec["nodeName"] == nil || spec["nodeName"] == .null
        else { return nil }
        spec["nodeName"] = .string(node)
        members["spec"] = .object(spec)
        return Data(JSONValue.compactJSONBytes(.object(members)))
    }
}
