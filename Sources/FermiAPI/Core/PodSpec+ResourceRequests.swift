import Foundation

extension PodSpec {
    /// What the pod asks of its node, as the scheduler and kubelet count it: per resource, the
    /// sum over its containers (a container's limit stands in for a request it leaves out), or
    /// the largest init container's, whichever is more.
    public var resourceRequests: [String: Decimal] {
        // Decimal sums neither overflow nor give up on a quantity.
        requestTotals(zero: 0, amount: { $0.value }, adding: { $0 + $1 }) ?? [:]
    }

    /// `resourceRequests` in thousandths, summed without Decimal arithmetic when every
    /// quantity is a whole number of thousandths (as nearly all are): the kubelet and the
    /// scheduler sum these for every pod on a node.
    public var resourceRequestAmounts: ResourceAmounts {
        let milli = requestTotals(zero: Int64(0), amount: \.exactMilli) { left, right in
            let (sum, overflow) = left.addingReportingOverflow(right)
            return overflow ? nil : sum
        }
        return milli.map { ResourceAmounts(milli: $0) } ?? ResourceAmounts(resourceRequests)
    }

    /// The totals `resourceRequests` describes, each quantity read by `amount` and summed by
    /// `adding`; nil as soon as either gives up.
    private func requestTotals<Amount: Comparable>(
        zero: Amount, amount: (Quantity) -> Amount?, adding: (Amount, Amount) -> Amount?
    ) -> [String: Amount]? {
        var total: [String: Amount] = [:]
        for container in containers ?? [] {
            guard let requests = Self.effectiveRequests(container.resources, amount) else { return nil }
            for (name, value) in requests {
                guard let sum = adding(total[name] ?? zero, value) else { return nil }
                total[name] = sum
            }
        }
        for container in initContainers ?? [] {
            guard let requests = Self.effectiveRequests(container.resources, amount) else { return nil }
            for (name, value) in requests { total[name] = max(total[name] ?? zero, value) }
        }
        return total
    }

    /// A container's requests, its limits standing in for those it leaves out.
    private static func effectiveRequests<Amount>(_ resources: ResourceRequirements?, _ amount: (Quantity) -> Amount?)
        -> [String: Amount]?
    {
        var result: [String: Amount] = [:]
        for (name, quantity) in (resources?.limits ?? [:]).merging(resources?.requests ?? [:], uniquingKeysWith: { _, request in request }) {
            guard let value = amount(quantity) else { return nil }
            result[name] = value
        }
        return result
    }
}
