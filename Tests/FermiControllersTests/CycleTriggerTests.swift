import FermiAPI
import Foundation
import Testing

@testable import FermiControllers

@Suite("Cycle trigger")
struct CycleTriggerTests {
    private func boundPod(_ name: String, phase: String? = nil) -> Pod {
        var pod = SchedulerCluster.pod(name, gpus: 1)
        pod.spec.nodeName = "node-0"
        pod.status = phase.map { PodStatus(phase: $0) }
        return pod
    }

    /// A trigger whose last cycle left jobs pending or not.
    private func trigger(afterCycleLeavingPending leftPending: Bool) -> CycleTrigger {
        var trigger = CycleTrigger()
        trigger.cycleStarted()
        _ = trigger.cycleEnded(leftPending: leftPending, placedAny: false)
        return trigger
    }

    @Test func aPodWaitingForANodeAlwaysCallsForACycle() {
        var trigger = trigger(afterCycleLeavingPending: false)
        let wakes = trigger.needsCycle(old: nil, new: SchedulerCluster.pod("waiting", gpus: 1))
        #expect(wakes)
    }

    @Test func aPodOfAnotherSchedulerDoesNot() {
        var trigger = trigger(afterCycleLeavingPending: false)
        let wakes = trigger.needsCycle(old: nil, new: SchedulerCluster.pod("elsewhere", gpus: 1, schedulerName: "other"))
        #expect(!wakes)
    }

    @Test func aBoundPodRunningOrEndingMattersOnlyWhileJobsWait() {
        let pending = boundPod("p")
        let running = boundPod("p", phase: PodPhase.running)
        let succeeded = boundPod("p", phase: PodPhase.succeeded)
        var idle = trigger(afterCycleLeavingPending: false)
        let idleWakes = [
            idle.needsCycle(old: pending, new: running), idle.needsCycle(old: running, new: succeeded),
            idle.needsCycle(old: succeeded, new: nil),
        ]
        #expect(idleWakes == [false, false, false])
        // Starting to run frees nothing; ending or going frees the node's room.
        var waiting = trigger(afterCycleLeavingPending: true)
        let waitingWakes = [
            waiting.needsCycle(old: pending, new: running), waiting.needsCycle(old: running, new: succeeded),
            waiting.needsCycle(old: running, new: nil),
        ]
        #expect(waitingWakes == [false, true, true])
    }

    @Test func aGangMemberChangingAlwaysCallsForACycle() {
        var member = boundPod("worker-0")
        member.spec.schedulerName = VolcanoAnnotations.schedulerName
        member.metadata.annotations = [VolcanoAnnotations.groupName: "gang"]
        var running = member
        running.status = PodStatus(phase: PodPhase.running)
        var trigger = trigger(afterCycleLeavingPending: false)
        let wakes = trigger.needsCycle(old: member, new: running)
        #expect(wakes)
    }

    @Test func aGangMemberChangingOnlyInWhatItsGroupDoesNotCountIsNoNews() {
        var member = boundPod("worker-0", phase: PodPhase.running)
        member.spec.schedulerName = VolcanoAnnotations.schedulerName
        member.metadata.annotations = [VolcanoAnnotations.groupName: "gang"]
        var annotated = member
        annotated.metadata.annotations?["sim.fermi.dev/usage"] = "1h"
        var going = member
        going.metadata.deletionTimestamp = Timestamp(Date(timeIntervalSince1970: 0))
        var trigger = trigger(afterCycleLeavingPending: true)
        let wakes = [trigger.needsCycle(old: member, new: annotated), trigger.needsCycle(old: member, new: going)]
        #expect(wakes == [false, true])
    }

    @Test func theCacheShowingTheSchedulersOwnBindingIsNoNews() {
        var pending = SchedulerCluster.pod("worker-0", gpus: 1)
        pending.spec.schedulerName = VolcanoAnnotations.schedulerName
        pending.metadata.annotations = [VolcanoAnnotations.groupName: "gang"]
        pending.metadata.uid = "uid-0"
        var bound = pending
        bound.spec.nodeName = "node-0"
        var assumed = AssumedPods()
        assumed.assumeBound(pending, to: "node-0")
        var trigger = trigger(afterCycleLeavingPending: true)
        let wakes = [
            trigger.needsCycle(old: assumed.applied(to: pending), new: bound),
            // Bound elsewhere by someone else: news.
            trigger.needsCycle(old: pending, new: bound),
        ]
        #expect(wakes == [false, true])
    }

    @Test func aPodGroupOrQueueStatusWrittenIsNoNewsButItsSpecOrStateIs() {
        let group = PodGroup(metadata: ObjectMeta(name: "gang", namespace: "default"), spec: PodGroupSpec(minMember: 2))
        var counted = group
        counted.status = PodGroupStatus(phase: "Inqueue", running: 1)
        var resized = counted
        resized.spec.minMember = 3
        let trigger = trigger(afterCycleLeavingPending: false)
        let groupWakes = [
            trigger.needsCycle(old: group, new: counted), trigger.needsCycle(old: counted, new: resized),
            trigger.needsCycle(old: nil, new: group), trigger.needsCycle(old: group, new: nil),
        ]
        #expect(groupWakes == [false, true, true, true])

        let queue = Queue(metadata: ObjectMeta(name: "training"), status: QueueStatus(state: QueueState.open))
        var busy = queue
        busy.status?.running = 4
        var closed = busy
        closed.status?.state = QueueState.closed
        var reweighted = busy
        reweighted.spec.weight = 2
        let queueWakes = [
            trigger.needsCycle(old: queue, new: busy), trigger.needsCycle(old: busy, new: closed),
            trigger.needsCycle(old: busy, new: reweighted),
        ]
        #expect(queueWakes == [false, true, true])
    }

    @Test func roomFreedWhileACycleRunsRunsItAgainIfItLeftJobsPending() {
        var trigger = trigger(afterCycleLeavingPending: false)
        trigger.cycleStarted()
        let wakesAtOnce = trigger.needsCycle(old: boundPod("p", phase: PodPhase.running), new: nil)
        let runsAgain = trigger.cycleEnded(leftPending: true, placedAny: false)
        #expect(!wakesAtOnce && runsAgain)
        // Nothing freed during the next one: no second run.
        trigger.cycleStarted()
        let runsAgainUnprompted = trigger.cycleEnded(leftPending: true, placedAny: false)
        #expect(!runsAgainUnprompted)
        // Freed during a cycle that placed everything: nothing waits for it.
        trigger.cycleStarted()
        let wakesWhileWaiting = trigger.needsCycle(old: boundPod("q", phase: PodPhase.running), new: nil)
        let runsAgainAfterPlacingAll = trigger.cycleEnded(leftPending: false, placedAny: false)
        #expect(wakesWhileWaiting && !runsAgainAfterPlacingAll)
    }

    @Test func aCycleThatPlacedSomeAndLeftOthersPendingRunsAgain() {
        var trigger = trigger(afterCycleLeavingPending: false)
        trigger.cycleStarted()
        let runsAgain = trigger.cycleEnded(leftPending: true, placedAny: true)
        trigger.cycleStarted()
        let runsAgainHavingPlacedNothing = trigger.cycleEnded(leftPending: true, placedAny: false)
        trigger.cycleStarted()
        let runsAgainHavingPlacedAll = trigger.cycleEnded(leftPending: false, placedAny: true)
        #expect(runsAgain && !runsAgainHavingPlacedNothing && !runsAgainHavingPlacedAll)
    }

    @Test func nodesAndZonesMatterOnlyWhenTheirFitOrHealthChanges() {
        var node = Node(metadata: ObjectMeta(name: "node-0"))
        node.status = NodeStatus(allocatable: ["nvidia.com/gpu": "8"])
        var imagesPulled = node
        imagesPulled.status?.images = [ContainerImage(names: ["registry.example.com/train:1"], sizeBytes: 1)]
        var cordoned = node
        cordoned.spec = NodeSpec(unschedulable: true)
        var waiting = trigger(afterCycleLeavingPending: true)
        var idle = trigger(afterCycleLeavingPending: false)
        let nodeWakes = [
            waiting.needsCycle(old: node, new: imagesPulled), waiting.needsCycle(old: node, new: cordoned),
            idle.needsCycle(old: node, new: cordoned),
        ]
        #expect(nodeWakes == [false, true, false])

        let healthy = Zone(metadata: ObjectMeta(name: "zone-a"), spec: ZoneSpec(region: "r", health: ZoneHealth.healthy))
        var counted = healthy
        counted.status = ZoneStatus(health: ZoneHealth.healthy, allocatedGPUs: 8)
        var down = counted
        down.status?.health = ZoneHealth.down
        let zoneWakes = [waiting.needsCycle(old: healthy, new: counted), waiting.needsCycle(old: counted, new: down)]
        #expect(zoneWakes == [false, true])
    }
}
