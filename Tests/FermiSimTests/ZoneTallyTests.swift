import FermiAPI
import FermiRuntime
import Foundation
import Testing

@testable import FermiSim

@Suite("Zone tally")
struct ZoneTallyTests {
    private func node(_ name: String, zone: String, gpus: Int, ready: Bool) -> Node {
        var node = Node(
            metadata: ObjectMeta(
                name: name,
                labels: [SimNames.zoneLabel: zone, "nvidia.com/gpu.count": "\(gpus)"]))
        node.status = NodeStatus(
            allocatable: ["nvidia.com/gpu": Quantity(integer: Int64(gpus))],
            conditions: [NodeCondition(type: "Ready", status: ready ? "True" : "False")])
        return node
    }

    @Test func nodesAddTheirShareAndTakeItAwayWhenTheyChangeOrGo() {
        var tally = ZoneTally()
        let first = tally.record(node: "a-0", node("a-0", zone: "a", gpus: 8, ready: true))
        let second = tally.record(node: "a-1", node("a-1", zone: "a", gpus: 8, ready: false))
        #expect(first == ["a"] && second == ["a"])
        #expect(tally.byZone["a"] == ZoneTally.Totals(nodes: 2, readyNodes: 1, gpus: 16))
        // The same node again changes nothing.
        let again = tally.record(node: "a-1", node("a-1", zone: "a", gpus: 8, ready: false))
        #expect(again.isEmpty)
        let ready = tally.record(node: "a-1", node("a-1", zone: "a", gpus: 8, ready: true))
        #expect(ready == ["a"])
        #expect(tally.byZone["a"]?.readyNodes == 2)
        // Moving zones takes the node out of one and into the other.
        let moved = tally.record(node: "a-1", node("a-1", zone: "b", gpus: 8, ready: true))
        #expect(Set(moved) == ["a", "b"])
        #expect(tally.byZone["a"] == ZoneTally.Totals(nodes: 1, readyNodes: 1, gpus: 8))
        #expect(tally.byZone["b"] == ZoneTally.Totals(nodes: 1, readyNodes: 1, gpus: 8))
        let gone = tally.record(node: "a-0", nil)
        #expect(gone == ["a"])
        #expect(tally.byZone["a"] == ZoneTally.Totals())
    }

    @Test func podsAddTheGPUsTheyHoldUntilTheyLetGo() {
        var tally = ZoneTally()
        let key = ObjectKey(namespace: "default", name: "train")
        let holding = tally.record(pod: key, holding: ("a", 4))
        let same = tally.record(pod: key, holding: ("a", 4))
        #expect(holding == ["a"] && same.isEmpty)
        #expect(tally.byZone["a"]?.allocatedGPUs == 4)
        let released = tally.record(pod: key, holding: nil)
        #expect(released == ["a"])
        #expect(tally.byZone["a"]?.allocatedGPUs == 0)
    }
}
