import FermiAPI
import FermiRuntime

/// What Kueue reports on its queues: how many workloads each holds pending and admitted, and
/// the quota they use, flavor by flavor, with what is borrowed.
public enum KueueQueueStatus {
    /// A workload as the queues count it once the cycle's decisions are made.
    public struct Entry: Sendable {
        public var localQueue: ObjectKey
        public var clusterQueue: String?
        /// What it holds, by flavor; nil while it waits.
        public var usage: [String: ResourceAmounts]?
    }

    public static func clusterQueue(_ queue: ClusterQueue, entries: [Entry], book: QuotaBook, now: Timestamp) -> ClusterQueueStatus {
        let mine = entries.filter { $0.clusterQueue == queue.name }
        var status = queue.status ?? ClusterQueueStatus()
        let counts = workloadCounts(mine)
        status.pendingWorkloads = counts.pending
        status.reservingWorkloads = counts.holding
        status.admittedWorkloads = counts.holding
        let used = book.queues[queue.name]?.usage ?? [:]
        let nominal = book.queues[queue.name]?.nominal ?? [:]
        let usage = flavorUsage(of: queue, used: used) { flavor, resource, amount in
            max(0, amount - (nominal[flavor]?[resource] ?? 0))
        }
        status.flavorsReservation = usage
        status.flavorsUsage = usage
        let active = queue.spec.stopPolicy ?? "None" == "None"
        status.conditions = settingActive(
            status.conditions, active ? ("Ready", "Can admit new workloads") : nil,
            else: ("Stopped", "ClusterQueue is stopped by its stopPolicy"), now: now)
        return status
    }

    public static func localQueue(
        _ queue: LocalQueue, clusterQueue: ClusterQueue?, entries: [Entry], now: Timestamp
    ) -> LocalQueueStatus {
        let mine = entries.filter { $0.localQueue == ObjectKey(queue) }
        var status = queue.status ?? LocalQueueStatus()
        let counts = workloadCounts(mine)
        status.pendingWorkloads = counts.pending
        status.reservingWorkloads = counts.holding
        status.admittedWorkloads = counts.holding
        if let clusterQueue {
            var used: [String: ResourceAmounts] = [:]
            for entry in mine { for (flavor, amounts) in entry.usage ?? [:] { used[flavor, default: .zero] += amounts } }
            let usage = flavorUsage(of: clusterQueue, used: used, borrowed: nil)
            status.flavorsReservation = usage
            status.flavorUsage = usage
        }
        status.conditions = settingActive(
            status.conditions, clusterQueue != nil ? ("Ready", "Can submit new workloads to clusterQueue") : nil,
            else: ("ClusterQueueDoesNotExist", "Can't submit new workloads to clusterQueue"), now: now)
        return status
    }

    /// How many of `entries` wait, and how many hold quota.
    private static func workloadCounts(_ entries: [Entry]) -> (pending: Int32, holding: Int32) {
        let holding = Int32(entries.filter { $0.usage != nil }.count)
        return (Int32(entries.count) - holding, holding)
    }

    /// `conditions` with Active True for the reason and message of `active`, or False for
    /// those of `inactive`.
    private static func settingActive(
        _ conditions: [Condition]?, _ active: (reason: String, message: String)?,
        else inactive: (reason: String, message: String), now: Timestamp
    ) -> [Condition] {
        let (reason, message) = active ?? inactive
        return Conditions.setting(
            conditions ?? [],
            Condition(
                type: "Active", status: active != nil ? ConditionStatus.true : ConditionStatus.false, reason: reason,
                message: message),
            now: now)
    }

    /// Use of each of the queue's flavors and resources, in the order its spec lists them.
    private static func flavorUsage(
        of queue: ClusterQueue, used: [String: ResourceAmounts], borrowed: ((String, String, Int64) -> Int64)?
    ) -> [FlavorUsage] {
        (queue.spec.resourceGroups ?? []).flatMap { $0.flavors ?? [] }.map { flavor in
            let name = flavor.name ?? ""
            return FlavorUsage(
                name: name,
                resources: (flavor.resources ?? []).map { quota in
                    let resource = quota.name ?? ""
                    let amount = used[name]?[resource] ?? 0
                    return ResourceUsage(
                        name: resource, total: ResourceAmounts.quantity(amount, of: resource),
                        borrowed: borrowed.map { ResourceAmounts.quantity($0(name, resource, amount), of: resource) })
                })
        }
    }
}
