import FermiAPI
@testable import FermiControllers
import Foundation
import Testing

/// The KPA's decisions as a pure function of what it observed and what it remembers.
@Suite("Scale decision")
struct ScaleDecisionTests {
    private let start = Timestamp(Date(timeIntervalSince1970: 1_800_000_000))

    private func at(_ seconds: Int64) -> Timestamp {
        Timestamp(Date(timeIntervalSince1970: TimeInterval(start.secondsSince1970 + seconds)))
    }

    private func decide(
        _ annotations: [String: String], stable: Double, panic: Double, ready: Int, pending: Int = 0, previous: PodAutoscalerStatus? = nil,
        at time: Int64 = 0
    ) -> ScaleDecision {
        ScaleDecision.decide(
            settings: AutoscalingSettings(annotations: annotations), reachable: true,
            observed: .init(stable: stable, panic: panic, readyReplicas: ready, pendingRequests: pending), previous: previous, now: at(time))
    }

    private func remembered(_ decision: ScaleDecision) -> PodAutoscalerStatus {
        var status = PodAutoscalerStatus(desiredScale: decision.scale, mode: decision.mode)
        status.panicSince = decision.panicSince
        status.panicScale = decision.panicScale
        status.recentScales = decision.recentScales
        status.idleSince = decision.idleSince
        return status
    }

    @Test func theStableWindowSetsTheScaleAtSeventyPercentOfTheTarget() {
        let decision = decide(["autoscaling.knative.dev/target": "10"], stable: 70, panic: 70, ready: 10)
        #expect(decision.scale == 10)
        #expect(decision.mode == "Stable")
        #expect(decision.reason.hasPrefix("stable: concurrency 70.00 over 60s"))
    }

    @Test func aScaleDownAtMostHalvesAndWaitsOutTheScaleDownDelay() {
        let settings = ["autoscaling.knative.dev/target": "10", "autoscaling.knative.dev/scale-down-delay": "2m"]
        let busy = decide(settings, stable: 70, panic: 70, ready: 10)
        // Load falls away: at most halving, and not before the delay is over.
        let quiet = decide(settings, stable: 7, panic: 7, ready: 10, previous: remembered(busy), at: 30)
        #expect(quiet.scale == 10)
        let later = decide(settings, stable: 7, panic: 7, ready: 10, previous: remembered(quiet), at: 121)
        #expect(later.scale == 5)
    }

    @Test func panicHoldsTheHighestScaleUntilAStableWindowPassesBelowTheThreshold() {
        let settings = ["autoscaling.knative.dev/target": "10"]
        let burst = decide(settings, stable: 20, panic: 140, ready: 2)
        #expect(burst.mode == "Panic")
        #expect(burst.scale == 20)
        // The burst eases: still panicking, the scale does not drop.
        let easing = decide(settings, stable: 60, panic: 30, ready: 20, previous: remembered(burst), at: 30)
        #expect(easing.mode == "Panic")
        #expect(easing.scale == 20)
        let calm = decide(settings, stable: 60, panic: 30, ready: 20, previous: remembered(easing), at: 61)
        #expect(calm.mode == "Stable")
        #expect(calm.scale == 10)
    }

    @Test func cpuScalesInProportionToUtilisationAndNeverPanics() {
        let decision = decide(["autoscaling.knative.dev/metric": "cpu", "autoscaling.knative.dev/target": "50"], stable: 90, panic: 90, ready: 4)
        #expect(decision.scale == 8)
        #expect(decision.mode == "Stable")
        #expect(decision.reason.hasPrefix("utilisation: cpu 90.0%"))
    }

    @Test func scaleToZeroWaitsForTheGracePeriodAndOnlyWhenTheMinimumIsZero() {
        let idle = decide(["autoscaling.knative.dev/min-scale": "0"], stable: 0, panic: 0, ready: 1, previous: PodAutoscalerStatus(desiredScale: 1), at: 0)
        #expect(idle.scale == 1)
        let gone = decide(["autoscaling.knative.dev/min-scale": "0"], stable: 0, panic: 0, ready: 1, previous: remembered(idle), at: 31)
        #expect(gone.scale == 0)
        let kept = decide(["autoscaling.knative.dev/min-scale": "1"], stable: 0, panic: 0, ready: 1, previous: PodAutoscalerStatus(desiredScale: 1), at: 31)
        #expect(kept.scale == 1)
    }

    @Test func aRequestAtTheActivatorWakesARevisionAtZero() {
        let woken = decide(["autoscaling.knative.dev/min-scale": "0"], stable: 1, panic: 1, ready: 0, pending: 1, previous: PodAutoscalerStatus(desiredScale: 0))
        #expect(woken.scale == 1)
        #expect(woken.reason.hasPrefix("activation: 1 request(s) waiting at the activator"))
    }

    @Test func decidingAgainAtTheSameMomentChangesNothingAndTheDelayedScalesStayFew() {
        let settings = ["autoscaling.knative.dev/target": "10", "autoscaling.knative.dev/scale-down-delay": "5m"]
        var previous = remembered(decide(settings, stable: 70, panic: 70, ready: 10))
        // Looked at again and again in one moment (as its own status write wakes it), it
        // decides the same and remembers the same: nothing to write, no loop.
        let again = decide(settings, stable: 70, panic: 70, ready: 10, previous: previous)
        #expect(remembered(again) == previous)
        // Over five minutes of falling load, only the scales that can still count are kept.
        for second in stride(from: 2, through: 280, by: 2) {
            let load = 70 - Double(second) / 5
            previous = remembered(decide(settings, stable: load, panic: load, ready: 10, previous: previous, at: Int64(second)))
        }
        #expect(previous.desiredScale == 10)
        #expect((previous.recentScales?.count ?? 0) <= 10, "\(previous.recentScales?.count ?? 0)")
    }
}
