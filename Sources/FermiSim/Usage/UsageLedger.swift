import FermiAPI
import FermiRuntime
import Foundation

/// Running totals of the usage recorded on pods, by owning workload and by namespace, kept
/// up to date from pod changes (each change adds its difference, so no total is ever summed
/// from scratch).
struct UsageLedger: Sendable {
    /// Where one pod's usage counts: its controlling owner (if any) and its namespace.
    struct Entry: Sendable {
        var usage: PodUsage
        var owner: OwnerReference?
        var namespace: String
    }

    private var pods: [ObjectKey: Entry] = [:]
    private(set) var byOwner: [OwnerIdentity: PodUsage] = [:]
    private(set) var byNamespace: [String: PodUsage] = [:]

    /// An owner as a pod names it: its kind, namespace and name.
    struct OwnerIdentity: Hashable, Sendable {
        var apiVersion: String
        var kind: String
        var namespace: String
        var name: String
    }

    /// Takes in the pod as it now is (nil: deleted); returns the owners and namespaces whose
    /// totals changed.
    mutating func record(_ key: ObjectKey, _ pod: Pod?) -> (owners: [OwnerIdentity], namespaces: [String]) {
        let old = pods[key]
        let new = pod.map { pod in
            Entry(
                usage: PodUsage(annotations: pod.metadata.annotations),
                owner: pod.metadata.ownerReferences?.first { $0.controller == true },
                namespace: pod.namespace)
        }
        pods[key] = new
        guard old?.usage != new?.usage || old?.owner != new?.owner else { return ([], []) }
        var owners: [OwnerIdentity] = []
        var namespaces: [String] = []
        for (entry, sign) in [(old, Decimal(-1)), (new, Decimal(1))] {
            guard let entry, entry.usage != PodUsage() else { continue }
            let delta = PodUsage(
                gpuHours: entry.usage.gpuHours * sign, coreHours: entry.usage.coreHours * sign,
                cost: entry.usage.cost * sign)
            byNamespace[entry.namespace] = (byNamespace[entry.namespace] ?? PodUsage()) + delta
            namespaces.append(entry.namespace)
            if let owner = entry.owner {
                let identity = OwnerIdentity(
                    apiVersion: owner.apiVersion, kind: owner.kind, namespace: entry.namespace, name: owner.name)
                byOwner[identity] = (byOwner[identity] ?? PodUsage()) + delta
                owners.append(identity)
            }
        }
        return (owners, namespaces)
    }
}
