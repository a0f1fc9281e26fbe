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

    /// `resourceRequests` in thousandths, summed without Decimal arithmetic when every
    /// quantity is a whole number of thousandths (as nearly all are): the kubelet and the
    /// scheduler sum these for every pod on a node.
    public var resourceRequestAmounts: ResourceAmounts {
        var total: [String: Int64] = [:]
        for container in containers ?? [] {
            guard let requests = Self.effectiveMilliRequests(container.resources) else { return ResourceAmounts(resourceRequests) }
            for (name, milli) in requests {
                let (sum, overflow) = total[name, default: 0].addingReportingOverflow(milli)
                if overflow { return ResourceAmounts(resourceRequests) }
                total[name] = sum
            }
        }
        for container in initContainers ?? [] {
            guard let requests = Self.effectiveMilliRequests(container.resources) else { return ResourceAmounts(resourceRequests) }
            for (name, milli) in requests { total[name] = max(total[name] ?? 0, milli) }
        }
        return ResourceAmounts(milli: total)
    }

    private static func effectiveMilliRequests(_ resources: ResourceRequirements?) -> [String: Int64]? {
        var result: [String: Int64] = [:]
        for (name, quantity) in resources?.limits ?? [:] {
            guard let milli = quantity.exactMilliValue else { return nil }
            result[name] = milli
        }
        for (name, quantity) in resources?.requests ?? [:] {
            guard let milli = quantity.exactMilliValue else { return nil }
            result[name] = milli
        }
        return result
    }

    private static func effectiveRequests(_ resources: ResourceRequirements?) -> [String: Decimal] {
        var result: [String: Decimal] = [:]
        for (name, quantity) in resources?.limits ?? [:] { result[name] = quantity.value }
        for (name, quantity) in resources?.requests ?? [:] { result[name] = quantity.value }
        return result
    }
}
