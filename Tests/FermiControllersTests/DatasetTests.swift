import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import Foundation
import Testing

/// Fluid datasets on a manual clock: a dataset bound to its Alluxio runtime, cache workers on
/// nodes, a DataLoad filling the cache, and jobs that read from it placed beside it and
/// running faster.
@Suite("Dataset")
struct DatasetTests {
    private func dataset(_ name: String, namespace: String = "default", size: String = "150Gi", placement: String? = nil) -> Dataset {
        var metadata = ObjectMeta(name: name, namespace: namespace)
        metadata.annotations = [FluidNames.sizeAnnotation: size]
        var spec = DatasetSpec()
        var mount = DatasetMount()
        mount.mountPoint = "s3://datasets/imagenet/"
        mount.name = "imagenet"
        spec.mounts = [mount]
        spec.placement = placement
        return Dataset(metadata: metadata, spec: spec)
    }

    private func runtime(_ name: String, replicas: Int32, quota: String = "80Gi") -> AlluxioRuntime {
        AlluxioRuntime(
            metadata: ObjectMeta(name: name, namespace: "default"),
            spec: AlluxioRuntimeSpec(
                replicas: replicas, tieredstore: TieredStore(levels: [Level(mediumtype: "SSD", path: "/mnt/cache", quota: Quantity(stringLiteral: quota), high: "0.95", low: "0.7")])))
    }

    private func load(_ name: String, dataset: String) -> DataLoad {
        var spec = DataLoadSpec()
        spec.dataset = TargetDataset(name: dataset, namespace: "default")
        spec.target = [TargetPath(path: "/")]
        return DataLoad(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    /// A one-pod Job of an hour's training that reads `claim`.
    private func trainer(_ name: String, reading claim: String) -> Job {
        var pod = SchedulerCluster.pod(name, gpus: 1).spec
        pod.restartPolicy = "Never"
        pod.volumes = [Volume(name: "data", persistentVolumeClaim: PersistentVolumeClaimVolumeSource(claimName: claim))]
        var metadata = ObjectMeta(name: name, namespace: "default")
        metadata.annotations = ["sim.fermi.dev/duration": "1h"]
        return Job(metadata: metadata, spec: JobSpec(parallelism: 1, completions: 1, template: PodTemplateSpec(spec: pod)))
    }

    @Test func aDataLoadFillsTheCacheAndAJobOnTheCachedNodesRunsFasterThanOneWithout() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 4, zone: "cn-beijing-1")
            _ = try await cluster.server.create(dataset("imagenet"))
            _ = try await cluster.server.create(runtime("imagenet", replicas: 2))
            try await cluster.advance(.seconds(120))
            let bound = try #require(try await cluster.server.get(Dataset.self, name: "imagenet").status)
            #expect(bound.phase == "Bound")
            #expect(bound.cacheStates?["cacheCapacity"] == "160.00GiB")
            // One worker to a node, and those nodes say they hold the cache.
            let workers = try await cluster.server.list(Pod.self).items.filter { $0.name.hasPrefix("imagenet-worker-") }
            #expect(Set(workers.compactMap(\.spec.nodeName)).count == 2)
            let cacheLabel = FluidNames.cacheNodeLabel(namespace: "default", name: "imagenet")
            let cachedNodes = try await cluster.server.list(Node.self).items.filter { $0.metadata.labels?[cacheLabel] == "true" }.map(\.name)
            #expect(Set(cachedNodes) == Set(workers.compactMap(\.spec.nodeName)))

            // 150Gi at 500Mi/s for each of two workers: 150 s.
            _ = try await cluster.server.create(load("warm", dataset: "imagenet"))
            try await cluster.advance(.seconds(60))
            #expect(try await cluster.server.get(DataLoad.self, name: "warm").status?.phase == "Executing")
            try await cluster.advance(.seconds(120))
            let loaded = try #require(try await cluster.server.get(DataLoad.self, name: "warm").status)
            #expect(loaded.phase == "Complete")
            #expect(loaded.duration == "2m34s" || loaded.duration == "2m30s", "\(loaded.duration ?? "")")
            #expect(try await cluster.server.get(Dataset.self, name: "imagenet").status?.cacheStates?["cachedPercentage"] == "100.0%")

            // A job that reads the dataset goes beside its cache and runs faster than one that
            // reads the same data from a dataset with no cache.
            // A node without the cache is made the fullest, where packing alone would put the job.
            let bare = try #require(try await cluster.server.list(Node.self).items.map(\.name).first { !cachedNodes.contains($0) })
            var filler = SchedulerCluster.pod("filler", gpus: 4)
            filler.spec.nodeSelector = ["kubernetes.io/hostname": bare]
            filler.metadata.annotations = ["sim.fermi.dev/duration": "forever"]
            _ = try await cluster.server.create(filler)
            try await cluster.advance(.seconds(30))
            #expect(try await cluster.pod("filler").spec.nodeName == bare)
            _ = try await cluster.server.create(dataset("uncached"))
            _ = try await cluster.server.create(trainer("cached-run", reading: "imagenet"))
            _ = try await cluster.server.create(trainer("remote-run", reading: "uncached"))
            try await cluster.advance(.seconds(2 * 3600))
            let pods = try await cluster.server.list(Pod.self).items
            let cachedPod = try #require(pods.first { $0.metadata.labels?["job-name"] == "cached-run" })
            let remotePod = try #require(pods.first { $0.metadata.labels?["job-name"] == "remote-run" })
            #expect(cachedNodes.contains(cachedPod.spec.nodeName ?? ""))
            #expect(remotePod.spec.nodeName == bare)
            func ran(_ pod: Pod) throws -> Int64 {
                let state = try #require(pod.status?.containerStatuses?.first?.state?.terminated)
                return try #require(state.finishedAt).secondsSince1970 - (try #require(state.startedAt).secondsSince1970)
            }
            // Half of an hour is reading, five times faster from the cache: 36 minutes, not 60.
            #expect(try ran(cachedPod) == 2160)
            #expect(try ran(remotePod) == 3600)
        }
    }

    @Test func aDatasetIsSharedAcrossNamespacesOnlyWhenItsOwnerSharesIt() async throws {
        try await SchedulerCluster.run { cluster in
            try await cluster.zone("cn-beijing-1")
            try await cluster.pool("a100", replicas: 2, zone: "cn-beijing-1")
            _ = try await cluster.server.create(Namespace(metadata: ObjectMeta(name: "team-b")))
            _ = try await cluster.server.create(dataset("imagenet"))
            _ = try await cluster.server.create(runtime("imagenet", replicas: 1))
            var reference = dataset("imagenet", namespace: "team-b")
            reference.spec.mounts?[0].mountPoint = "dataset://default/imagenet"
            _ = try await cluster.server.create(reference)
            try await cluster.advance(.seconds(120))
            let privateOne = try #require(try await cluster.server.get(Dataset.self, namespace: "team-b", name: "imagenet").status)
            #expect(privateOne.phase == "NotBound")
            #expect(privateOne.conditions?.first?.message == "dataset default/imagenet is private to namespace default")
            var shared = try await cluster.server.get(Dataset.self, name: "imagenet")
            shared.metadata.labels = [FluidNames.sharedLabel: "true"]
            _ = try await cluster.server.update(shared)
            try await cluster.advance(.seconds(30))
            let sharing = try #require(try await cluster.server.get(Dataset.self, namespace: "team-b", name: "imagenet").status)
            #expect(sharing.phase == "Bound")
            #expect(sharing.cacheStates?["cacheCapacity"] == "80.00GiB")
        }
    }
}
