import FermiAPI
import FermiControllers
import FermiRuntime
import Testing

@Suite("Preemption")
struct PreemptionTests {
    private static let gpu = "nvidia.com/gpu"

    /// A running job of one pod holding `gpus` GPUs.
    private func running(_ name: String, priority: Int32, gpus: Int) -> Preemption.Candidate {
        var pod = Pod(metadata: ObjectMeta(name: "\(name)-0", namespace: "default"), spec: PodSpec(containers: []))
        var container = Container()
        container.name = "main"
        container.resources = ResourceRequirements(limits: [Self.gpu: Quantity(integer: Int64(gpus))])
        pod.spec.containers = [container]
        pod.spec.nodeName = "node-\(name)"
        return Preemption.Candidate(
            key: ObjectKey(namespace: "default", name: name), priority: priority, queue: "q", cause: .preemption,
            pods: [pod], creationTimestamp: nil)
    }

    /// Enough when the victims free at least `gpus` GPUs on one node.
    private func freesOnOneNode(_ gpus: Int) -> ([Preemption.Candidate]) -> Bool {
        { victims in
            var freed: [String: Int64] = [:]
            for victim in victims { freed[victim.pods[0].spec.nodeName!, default: 0] += victim.total[Self.gpu] }
            return freed.values.contains { $0 >= Int64(gpus) * 1000 }
        }
    }

    private func names(_ victims: [Preemption.Candidate]?) -> [String]? {
        victims?.map(\.key.name).sorted()
    }

    @Test func theLowestPriorityGoesFirst() {
        let victims = Preemption.victims(
            from: [running("important", priority: 10, gpus: 8), running("batch", priority: 0, gpus: 8)],
            largestIn: Self.gpu, isEnough: { $0.reduce(Int64(0)) { $0 + $1.total[Self.gpu] } >= 8000 })
        #expect(names(victims) == ["batch"])
    }

    @Test func amongEqualsTheFewestGo() {
        var small = [running("small-a", priority: 0, gpus: 4), running("small-b", priority: 0, gpus: 4)]
        small[1].pods[0].spec.nodeName = "node-small-a"
        let victims = Preemption.victims(
            from: small + [running("large", priority: 0, gpus: 8)], largestIn: Self.gpu,
            isEnough: { $0.reduce(Int64(0)) { $0 + $1.total[Self.gpu] } >= 8000 })
        #expect(names(victims) == ["large"])
    }

    @Test func victimsThatTurnOutUnneededAreSpared() {
        // Taking the lowest first reaches 8 GPUs on one node only with "mid"; "low" on its own
        // node frees nothing that helps, so it is spared.
        let victims = Preemption.victims(
            from: [running("low", priority: 0, gpus: 2), running("mid", priority: 5, gpus: 8)], largestIn: Self.gpu,
            isEnough: freesOnOneNode(8))
        #expect(names(victims) == ["mid"])
    }

    @Test func nothingIsEvictedWhenEvictingEveryoneWouldNotBeEnough() {
        let victims = Preemption.victims(
            from: [running("a", priority: 0, gpus: 4), running("b", priority: 0, gpus: 2)], largestIn: Self.gpu,
            isEnough: freesOnOneNode(8))
        #expect(victims == nil)
    }
}
