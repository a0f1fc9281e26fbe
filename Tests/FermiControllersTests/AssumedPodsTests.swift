import FermiAPI
import Foundation
import Testing

@testable import FermiControllers

@Suite("Assumed pods")
struct AssumedPodsTests {
    private func pod(_ name: String, uid: String, node: String? = nil) -> Pod {
        var pod = SchedulerCluster.pod(name, gpus: 1)
        pod.metadata.uid = uid
        pod.spec.nodeName = node
        return pod
    }

    @Test func aBindingIsSeenUntilTheCacheShowsItThenForgotten() {
        var assumed = AssumedPods()
        let pending = pod("p", uid: "u1")
        assumed.assumeBound(pending, to: "node-0")
        #expect(assumed.applied(to: pending)?.spec.nodeName == "node-0")
        // An unrelated change before the binding shows: still assumed, seen as bound.
        let known = assumed.confirm(old: pending, new: pending)
        #expect(known?.spec.nodeName == "node-0" && !assumed.isEmpty)
        let confirmed = assumed.confirm(old: pending, new: pod("p", uid: "u1", node: "node-0"))
        #expect(confirmed?.spec.nodeName == "node-0" && assumed.isEmpty)
    }

    @Test func aFailedWriteIsForgottenAndAPodMadeAnewIsAnotherPod() {
        var assumed = AssumedPods()
        let pending = pod("p", uid: "u1")
        assumed.assumeBound(pending, to: "node-0")
        assumed.forget(pending)
        #expect(assumed.isEmpty && assumed.applied(to: pending)?.spec.nodeName == nil)

        assumed.assumeBound(pending, to: "node-0")
        let remade = pod("p", uid: "u2")
        #expect(assumed.applied(to: remade)?.spec.nodeName == nil)
        _ = assumed.confirm(old: pending, new: remade)
        #expect(assumed.isEmpty)
    }

    @Test func anEvictionHidesThePodUntilItIsGone() {
        var assumed = AssumedPods()
        let running = pod("victim", uid: "u1", node: "node-0")
        assumed.assumeEvicted(running)
        #expect(assumed.applied(to: running) == nil)
        var going = running
        going.metadata.deletionTimestamp = Timestamp(Date(timeIntervalSince1970: 0))
        let whileGoing = assumed.confirm(old: running, new: going)
        #expect(whileGoing == nil && !assumed.isEmpty)
        let gone = assumed.confirm(old: going, new: nil)
        #expect(gone == nil && assumed.isEmpty)
    }
}
