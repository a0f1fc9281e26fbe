import FermiAPI
import Synchronization

/// The image pulls the kubelet's workers are writing to nodes right now.
///
/// Pods that start together on one node all record the same pull. Left to race, each reads
/// the node and writes it, and all but one fail on a conflict and read it again: ten pods on
/// a node cost twenty reads and twenty writes for one change. A worker leaves a pull that
/// another is already writing, from as early or earlier, to that one. The claimer retries
/// until its write lands (its reconcile fails and runs again), so nothing is lost.
final class PullsBeingRecorded: Sendable {
    private let inFlight = Mutex<[String: Timestamp]>([:])

    /// Of `references` pulled on `node` at `time`, those no other worker is writing with a
    /// pull time as early: now claimed by the caller, who must `release` them.
    func claim(_ references: [String], on node: String, at time: Timestamp) -> [String] {
        inFlight.withLock { inFlight in
            references.filter { reference in
                let key = Self.key(node, reference)
                if let claimed = inFlight[key], claimed.secondsSince1970 <= time.secondsSince1970 { return false }
                inFlight[key] = time
                return true
            }
        }
    }

    /// Gives up the claims `claim` returned, unless an earlier pull has taken one over since.
    func release(_ references: [String], on node: String, at time: Timestamp) {
        inFlight.withLock { inFlight in
            for reference in references {
                let key = Self.key(node, reference)
                if inFlight[key]?.secondsSince1970 == time.secondsSince1970 { inFlight[key] = nil }
            }
        }
    }

    private static func key(_ node: String, _ reference: String) -> String {
        "\(node)\u{0}\(reference)"
    }
}
