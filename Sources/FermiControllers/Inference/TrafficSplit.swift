import FermiAPI

/// How an InferenceService's traffic is split over its revisions, as KServe rolls out: the
/// newest ready revision takes all of it, unless `canaryTrafficPercent` is set while an
/// earlier revision is the one last rolled out, when the newest takes that share and the
/// rolled-out one (tagged `prev`) the rest. Removing the percentage promotes the newest to
/// 100%; setting it to 0 rolls back to the previous one. A revision that is not ready yet
/// takes nothing: traffic stays where it was.
struct TrafficSplit: Equatable {
    var targets: [TrafficTarget]
    /// The revision that last took all the traffic, and the one before it.
    var latestRolledout: String?
    var previousRolledout: String?

    /// The split, given the newest ready revision, the rolled-out revisions so far and the
    /// canary percentage.
    static func split(
        latestReady: String?, latestRolledout: String?, previousRolledout: String?, canaryPercent: Int64?, urls: (String) -> String?
    ) -> TrafficSplit {
        guard let latestReady else {
            // Nothing of the newest is ready: whatever was rolled out keeps the traffic.
            let targets = latestRolledout.map {
                [TrafficTarget(tag: "prev", revisionName: $0, latestRevision: false, percent: 100, url: urls("prev"))]
            } ?? []
            return TrafficSplit(targets: targets, latestRolledout: latestRolledout, previousRolledout: previousRolledout)
        }
        if let canaryPercent, let rolled = latestRolledout, rolled != latestReady {
            let latest = TrafficTarget(tag: "latest", revisionName: latestReady, latestRevision: true, percent: canaryPercent, url: urls("latest"))
            let previous = TrafficTarget(tag: "prev", revisionName: rolled, latestRevision: false, percent: 100 - canaryPercent, url: urls("prev"))
            return TrafficSplit(targets: [latest, previous], latestRolledout: rolled, previousRolledout: previousRolledout)
        }
        let promoted = latestRolledout != latestReady
        return TrafficSplit(
            targets: [TrafficTarget(tag: "latest", revisionName: latestReady, latestRevision: true, percent: 100, url: urls("latest"))],
            latestRolledout: latestReady, previousRolledout: promoted ? (latestRolledout ?? previousRolledout) : previousRolledout)
    }

    /// The revisions traffic targets name, at any percentage (a 0% target is still reachable
    /// by its tag's URL, so Knative keeps it active).
    var routed: Set<String> {
        Set(targets.compactMap(\.revisionName))
    }
}
