import FermiAPI
import FermiAPIServer
import FermiControllers
import Testing

extension PyTorchJobControllerTests {
    @Test func anElasticJobRunsOnItsFewestWorkersAndOthersJoinAndLeaveAsRoomComesAndGoes() async throws {
        try await cluster(nodes: 3) { cluster in
            // One node is taken, so at first only two of the three workers fit.
            var blocker = SchedulerCluster.pod("blocker", gpus: 8)
            blocker.metadata.annotations = ["sim.fermi.dev/duration": "forever"]
            _ = try await cluster.server.create(blocker)
            try await cluster.advance(.seconds(30))
            _ = try await cluster.server.create(
                job("elastic", workers: 3, duration: "2h") { spec in
                    spec.pytorchReplicaSpecs?[PyTorchReplicaType.master] = nil
                    var elastic = ElasticPolicy()
                    elastic.minReplicas = 2
                    elastic.maxReplicas = 3
                    spec.elasticPolicy = elastic
                    spec.runPolicy = RunPolicy(schedulingPolicy: SchedulingPolicy(queue: "default"))
                })
            try await cluster.advance(.seconds(600))
            let onTwo = try #require(try await status("elastic", cluster))
            #expect(onTwo.conditions?.last?.type == "Running")
            #expect(onTwo.throughput == "3200")
            #expect(onTwo.replicaStatuses?["Worker"]?.active == 3)
            let pending = try await cluster.server.list(Pod.self).items.filter { $0.name.hasPrefix("elastic-") && $0.spec.nodeName == nil }
            #expect(pending.count == 1)

            // Room comes: the third worker is placed and joins where the others have got to.
            try await cluster.server.delete(Pod.self, namespace: "default", name: "blocker")
            try await cluster.advance(.seconds(600))
            #expect(try await status("elastic", cluster)?.throughput == "4800")
            let joined = try await cluster.pod(try #require(pending.first).name)
            let joinedAt = joined.metadata.annotations?[SimAnnotations.resumedFrom].flatMap { Int($0.dropLast()) } ?? 0
            #expect(joinedAt >= 540)

            // Room goes: a worker's node fails; the two left carry on, with no restart of the run.
            let leaving = try await cluster.pod("elastic-worker-2")
            _ = try await cluster.server.create(
                Fault(metadata: ObjectMeta(name: "lose-node"), spec: FaultSpec(target: "node/\(try #require(leaving.spec.nodeName))", duration: "30m")))
            try await cluster.advance(.seconds(300))
            let onTwoAgain = try #require(try await status("elastic", cluster))
            #expect(onTwoAgain.throughput == "3200")
            #expect(onTwoAgain.restarts == nil)
            #expect(onTwoAgain.conditions?.contains { $0.type == "Restarting" } == false)
            #expect(try await cluster.events(about: "elastic", reason: "PyTorchJobScaledDown").first?.contains("elastic-worker-2 left") == true)

            // It finishes on time: 2 h of work, never thrown away.
            try await cluster.advance(.seconds(2 * 3600))
            let done = try #require(try await status("elastic", cluster))
            #expect(done.conditions?.last?.type == "Succeeded")
            let took = try #require(done.completionTime).secondsSince1970 - (try #require(done.startTime).secondsSince1970)
            #expect(took >= 7200 && took <= 7200 + 120, "\(took)")
            #expect(done.lostWork == nil)
        }
    }
}
