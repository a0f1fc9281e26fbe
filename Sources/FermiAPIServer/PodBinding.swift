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
            // Only the binding field changes: the stored pod is edited as JSON, not decoded.
            guard let stored = current[index], seen.insert(keys[index]).inserted,
                case .object(var members) = try JSONParser.parse(stored.value),
                case .object(var spec)? = members["spec"],
                members["metadata"]?["uid"] == binding.pod.metadata.uid.map(JSONValue.string),
                spec["nodeName"] == nil || spec["nodeName"] == .null
            else { continue }
            spec["nodeName"] = .string(binding.node)
            members["spec"] = .object(spec)
            writes.append(
                .update(key: keys[index], value: Data(JSONValue.compactJSONBytes(.object(members))), expectedRevision: stored.modRevision))
            written.append(index)
        }
        guard !writes.isEmpty else { return [] }
        do {
            let result = try await store.commit(writes)
            return written.map { index in
                var pod = bindings[index].pod
                pod.spec.nodeName = bindings[index].node
                pod.metadata.resourceVersion = String(result.revision)
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
}
