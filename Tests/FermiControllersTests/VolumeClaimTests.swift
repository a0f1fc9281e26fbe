import FermiAPI
import FermiAPIServer
import FermiControllers
import Testing

/// A pod that mounts a volume claim waits for the claim, as kube-scheduler's volume binding
/// makes it.
@Suite("Volume claims")
struct VolumeClaimTests {
    @Test func aPodWhoseClaimIsMissingWaitsSayingSoAndGoesOnOnceItExists() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 1, zone: "cn-beijing-1")
            var pod = SchedulerCluster.pod("reader", gpus: 1)
            pod.spec.volumes = [Volume(name: "data", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: "corpus"))]
            _ = try await cluster.server.create(pod)
            try await cluster.advance(.seconds(10))
            let waiting = try await cluster.pod("reader")
            #expect(waiting.spec.nodeName == nil)
            let why = try await cluster.events(about: "reader", reason: "FailedScheduling")
            #expect(why == ["persistentvolumeclaim \"corpus\" not found"], "\(why)")
            var spec = PersistentVolumeClaimSpec()
            spec.accessModes = ["ReadWriteOnce"]
            spec.resources = VolumeResourceRequirements(requests: ["storage": "10Gi"])
            _ = try await cluster.server.create(PersistentVolumeClaim(metadata: ObjectMeta(name: "corpus", namespace: "default"), spec: spec))
            try await cluster.advance(.seconds(10))
            #expect(try await cluster.pod("reader").spec.nodeName == "a100-0")
        }
    }
}
