import FermiAPI

/// Which flavor each pod set of a workload takes, as Kueue's flavor assigner picks it: for
/// each resource group, the queue's flavors in order, skipping any whose node labels or
/// taints the pods cannot accept; the first where the pod set fits in unused quota, or, when
/// the queue borrows first (`whenCanBorrow: Borrow`, the default), the first where it fits by
/// borrowing from the cohort.
public enum FlavorAssignment {
    /// Where one pod set's quota is counted.
    public struct PodSetFlavors: Hashable, Sendable {
        public var name: String
        public var count: Int32
        /// Resource → flavor.
        public var flavors: [String: String]
        /// What the pod set uses, by resource.
        public var usage: ResourceAmounts
    }

    /// A workload's quota, pod set by pod set.
    public struct Assignment: Hashable, Sendable {
        public var podSets: [PodSetFlavors] = []
        /// Whether it takes quota beyond the queue's nominal.
        public var borrows = false
        /// What it uses, by flavor.
        public var usage: [String: ResourceAmounts] = [:]
    }

    /// The assignment, or why none fits now, in Kueue's words.
    public enum Outcome: Sendable {
        case fits(Assignment)
        case doesNotFit(String)
    }

    public static func assign(
        _ podSets: [PodSet], in clusterQueue: ClusterQueue, flavors: [String: ResourceFlavor], book: QuotaBook
    ) -> Outcome {
        let groups = clusterQueue.spec.resourceGroups ?? []
        let borrowFirst = (clusterQueue.spec.flavorFungibility?.whenCanBorrow ?? "Borrow") == "Borrow"
        var assignment = Assignment()
        for podSet in podSets {
            let name = podSet.name ?? "main"
            let count = podSet.count ?? 1
            let spec = podSet.template?.spec ?? PodSpec()
            var requested = spec.resourceRequestAmounts.times(Int(count))
            let covered = Set(groups.flatMap { $0.coveredResources ?? [] })
            if covered.contains("pods") { requested += ResourceAmounts(milli: ["pods": Int64(count) * 1000]) }
            if let missing = requested.names.first(where: { !covered.contains($0) }) {
                return .doesNotFit("couldn't assign flavors to pod set \(name): resource \(missing) unavailable in ClusterQueue")
            }
            var chosen = PodSetFlavors(name: name, count: count, flavors: [:], usage: requested)
            for group in groups {
                let resources = (group.coveredResources ?? []).filter { requested[$0] > 0 }
                guard !resources.isEmpty else { continue }
                var reasons: [String] = []
                var pick: (flavor: String, borrows: Bool)?
                // With TryNextFlavor, a flavor that fits only by borrowing is the fallback.
                var borrowing: String?
                for flavorQuotas in group.flavors ?? [] {
                    let flavorName = flavorQuotas.name ?? ""
                    guard let flavor = flavors[flavorName] else {
                        reasons.append("flavor \(flavorName) not found")
                        continue
                    }
                    if let mismatch = mismatch(of: spec, with: flavor) {
                        reasons.append(mismatch)
                        continue
                    }
                    let earlier = assignment.usage[flavorName] ?? .zero
                    switch fit(resources, requested: requested, so: earlier, queue: clusterQueue.name, flavor: flavorName, book: book) {
                    case .failure(let failure): reasons.append(failure.message)
                    case .success(false): pick = (flavorName, false)
                    case .success(true):
                        if borrowFirst { pick = (flavorName, true) } else if borrowing == nil { borrowing = flavorName }
                    }
                    if pick != nil { break }
                }
                if pick == nil, let borrowing { pick = (borrowing, true) }
                guard let pick else {
                    return .doesNotFit("couldn't assign flavors to pod set \(name): " + reasons.joined(separator: "; "))
                }
                for resource in resources {
                    chosen.flavors[resource] = pick.flavor
                    assignment.usage[pick.flavor, default: .zero] += requested.restricted(to: [resource])
                }
                assignment.borrows = assignment.borrows || pick.borrows
            }
            assignment.podSets.append(chosen)
        }
        return .fits(assignment)
    }

    /// Whether `resources` of `requested` fit in `flavor` on top of what the workload's
    /// earlier pod sets took there (`so`): borrowing or not, or why not.
    private static func fit(
        _ resources: [String], requested: ResourceAmounts, so far: ResourceAmounts, queue: String, flavor: String,
        book: QuotaBook
    ) -> Result<Bool, FitFailure> {
        var borrows = false
        for resource in resources {
            let wanted = requested[resource] + far[resource]
            let free = book.free(queue, flavor, resource)
            if wanted > free {
                if wanted > book.capacity(queue, flavor, resource) {
                    return .failure(FitFailure("insufficient quota for \(resource) in flavor \(flavor), request > maximum capacity"))
                }
                let more = ResourceAmounts.format(wanted - max(0, free), of: resource)
                return .failure(FitFailure("insufficient unused quota for \(resource) in flavor \(flavor), \(more) more needed"))
            }
            let nominal = book.queues[queue]?.nominal[flavor]?[resource] ?? 0
            let used = book.queues[queue]?.usage[flavor]?[resource] ?? 0
            if used + wanted > nominal { borrows = true }
        }
        return .success(borrows)
    }

    /// Why pods of `spec` cannot go on the flavor's nodes: a node selector or required
    /// affinity its labels contradict (only labels the flavor sets are judged), or a taint
    /// that neither the pods nor the flavor's tolerations tolerate.
    static func mismatch(of spec: PodSpec, with flavor: ResourceFlavor) -> String? {
        let labels = flavor.spec.nodeLabels ?? [:]
        let name = flavor.name
        for (key, value) in spec.nodeSelector ?? [:] where labels[key] != nil && labels[key] != value {
            return "flavor \(name) doesn't match node selector \(key)=\(value)"
        }
        if let affinity = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution {
            let terms = affinity.nodeSelectorTerms ?? []
            let anyTermHolds = terms.isEmpty || terms.contains { term in
                var judged = term
                judged.matchExpressions = term.matchExpressions?.filter { labels[$0.key ?? ""] != nil }
                judged.matchFields = nil
                if (judged.matchExpressions ?? []).isEmpty { return true }
                return NodeFit.matches(NodeSelector(nodeSelectorTerms: [judged]), labels: labels, name: "")
            }
            if !anyTermHolds { return "flavor \(name) doesn't match node affinity" }
        }
        // The flavor's own tolerations are added to the pods it admits, so they count too.
        let tolerations = (spec.tolerations ?? []) + (flavor.spec.tolerations ?? [])
        for taint in flavor.spec.nodeTaints ?? [] where taint.effect == "NoSchedule" || taint.effect == "NoExecute" {
            if !NodeFit.tolerates(tolerations, taint) { return "untolerated taint \(taint.summary) in flavor \(name)" }
        }
        return nil
    }

    /// A reason a flavor does not fit.
    struct FitFailure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
