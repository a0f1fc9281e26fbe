import FermiAPI
import FermiRuntime

/// Who owns whom, by uid, as the informers last saw it: which uids exist, and for each owner
/// uid, the objects that name it in their owner references.
struct OwnerGraph: Sendable {
    private(set) var objectsByUID: [String: ResourceKey] = [:]
    private(set) var dependentsByOwnerUID: [String: Set<ResourceKey>] = [:]
    private var ownerUIDsByObject: [ResourceKey: [String]] = [:]

    /// Takes in the object at `key` as it now is.
    mutating func update(_ key: ResourceKey, _ object: any APIObject) {
        remove(key)
        if let uid = object.metadata.uid { objectsByUID[uid] = key }
        let owners = (object.metadata.ownerReferences ?? []).map(\.uid)
        ownerUIDsByObject[key] = owners
        for owner in owners { dependentsByOwnerUID[owner, default: []].insert(key) }
    }

    /// Forgets the object at `key`.
    mutating func remove(_ key: ResourceKey, uid: String? = nil) {
        if let uid, objectsByUID[uid] == key { objectsByUID[uid] = nil }
        for owner in ownerUIDsByObject.removeValue(forKey: key) ?? [] {
            dependentsByOwnerUID[owner]?.remove(key)
            if dependentsByOwnerUID[owner]?.isEmpty == true { dependentsByOwnerUID[owner] = nil }
        }
    }

    /// Whether an object with `uid` is known.
    func exists(uid: String) -> Bool {
        objectsByUID[uid] != nil
    }

    /// The objects naming `uid` as an owner.
    func dependents(of uid: String) -> Set<ResourceKey> {
        dependentsByOwnerUID[uid] ?? []
    }
}
