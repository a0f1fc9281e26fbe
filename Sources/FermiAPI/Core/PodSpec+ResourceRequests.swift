import Foundation

extension PodSpec {
    /// What the pod asks of its node, as the scheduler and kubelet count it: per resource, the
    /// sum over its containers (a container's limit stands in for a request it leaves out), or
    /// the largest init container's, whichever is more.
    public var resourceRequests: [String: Decimal] {
        var total: [String: Decimal] = [:]
        for container in containers ?? [] {
            for (name, quantity) in Self.effectiveRequests(container.resources) { total[name, default: 0] += quantity }
        }
        for container in initContainers ?? [] {
            for (name, quantity) in Self.effectiveRequests(container.resources) {
                total[name] = max(total[name] ?? 0, quantity)
            }
        }
        return total
    }

    private static func effectiveRequests(_ resources: ResourceRequirements?) -> [String: Decimal] {
        var result: [String: Decimal] = [:]
        for (name, quantity) in resources?.limits ?? [:] { result[name] = quantity.value }
        for (name, quantity) in resources?.requests ?? [:] { result[name] = quantity.value }
        return result
    }
}
