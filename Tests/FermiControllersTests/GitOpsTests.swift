import FermiAPI
import FermiAPIServer
import FermiControllers
import FermiRuntime
import FermiRuntimeTestSupport
import Foundation
import Testing

/// GitOps against real Git repositories made in temporary folders, on a manual clock.
@Suite("GitOps")
struct GitOpsTests {
    /// A Git repository in a temporary folder, committed to as the test goes.
    final class Repository {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fermi-gitops-\(UUID().uuidString)")

        init() throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try git("init", "-q", "-b", "main")
            try git("config", "user.email", "test@fermi.dev")
            try git("config", "user.name", "Fermi Test")
        }

        func write(_ path: String, _ text: String) throws {
            let file = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }

        func remove(_ path: String) throws {
            try git("rm", "-q", path)
        }

        /// Commits everything; returns the commit id.
        @discardableResult
        func commit(_ message: String) throws -> String {
            try git("add", "-A")
            try git("commit", "-q", "-m", message)
            return try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        }

        @discardableResult
        func git(_ arguments: String...) throws -> String {
            try GitCheckout.git(["-C", folder.path] + arguments)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    static func queue(_ name: String, weight: Int) -> String {
        "apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata:\n  name: \(name)\nspec:\n  weight: \(weight)\n"
    }

    static func job(_ name: String, parallelism: Int) -> String {
        """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: \(name)
        spec:
          parallelism: \(parallelism)
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox

        """
    }

    /// Runs `body` against a cluster whose GitOps controller caches clones in a folder of its own.
    func cluster(_ body: (TestCluster) async throws -> Void) async throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("fermi-gitcache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let cluster = try await TestCluster()
        cluster.manager.add(GitRepositoryController.controller(in: cluster.manager, cacheRoot: cache))
        try await cluster.running { try await body(cluster) }
    }

    func advance(_ cluster: TestCluster, _ duration: Duration) async throws {
        try await cluster.manager.runUntilIdle(on: cluster.clock, limit: cluster.clock.now.advanced(by: duration))
    }

    func repository(_ name: String, url: URL, path: String? = nil, prune: Bool = true, selfHeal: Bool = false) -> GitRepository {
        var spec = GitRepositorySpec()
        spec.url = url.path
        spec.ref = GitReference(branch: "main")
        spec.path = path
        spec.interval = "1m"
        spec.prune = prune
        spec.selfHeal = selfHeal
        return GitRepository(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    func status(_ name: String, _ cluster: TestCluster) async throws -> GitRepositoryStatus {
        try #require(try await cluster.server.get(GitRepository.self, name: name).status)
    }

    @Test func aSyncCreatesEverythingUpdatesWhatChangedAndPrunesOnlyWhatItApplied() async throws {
        let repo = try Repository()
        try repo.write("queues/queues.yaml", Self.queue("research", weight: 4))
        try repo.write("training/jobs.yaml", Self.job("tokenize", parallelism: 2) + "---\n" + Self.job("embed", parallelism: 1))
        let first = try repo.commit("first")
        try await cluster { cluster in
            // A queue made by hand, which no sync may touch.
            _ = try await cluster.server.create(Queue(metadata: ObjectMeta(name: "by-hand")))
            _ = try await cluster.server.create(repository("platform", url: repo.folder))
            try await advance(cluster, .seconds(5))
            var synced = try await status("platform", cluster)
            #expect(synced.lastAppliedRevision == first)
            #expect(synced.sync == GitSyncStatus.synced)
            #expect(synced.inventory?.map(\.name) == ["research", "tokenize", "embed"])
            #expect(try await cluster.server.get(Job.self, name: "tokenize").spec.parallelism == 2)

            try repo.write("training/jobs.yaml", Self.job("tokenize", parallelism: 4) + "---\n" + Self.job("embed", parallelism: 1))
            let edited = try repo.commit("more tokenizers")
            try await advance(cluster, .seconds(60))
            #expect(try await status("platform", cluster).lastAppliedRevision == edited)
            #expect(try await cluster.server.get(Job.self, name: "tokenize").spec.parallelism == 4)

            try repo.remove("training/jobs.yaml")
            try repo.commit("no more training here")
            try await advance(cluster, .seconds(60))
            synced = try await status("platform", cluster)
            #expect(synced.inventory?.map(\.name) == ["research"])
            #expect(try await cluster.server.list(Job.self).items.isEmpty)
            #expect(Set(try await cluster.server.list(Queue.self).items.map(\.name)) == ["research", "by-hand"])
        }
    }

    @Test func aBadCommitAppliesNothingKeepsThePreviousRevisionAndSaysWhereItIsWrong() async throws {
        let repo = try Repository()
        try repo.write("queues/queues.yaml", Self.queue("research", weight: 4))
        let good = try repo.commit("good")
        try await cluster { cluster in
            _ = try await cluster.server.create(repository("platform", url: repo.folder))
            try await advance(cluster, .seconds(5))
            // One commit: a valid change and an invalid job. Neither applies.
            try repo.write("queues/queues.yaml", Self.queue("research", weight: 9))
            try repo.write("training/bad.yaml", Self.job("broken", parallelism: -1))
            let bad = try repo.commit("bad")
            try await advance(cluster, .seconds(60))
            let status = try await status("platform", cluster)
            #expect(status.lastFetchedRevision == bad)
            #expect(status.lastAppliedRevision == good)
            #expect(status.lastError?.contains("training/bad.yaml:6: spec.parallelism: Invalid value: -1") == true, "\(status.lastError ?? "")")
            #expect(status.conditions?.first { $0.type == "Ready" }?.reason == "ValidationFailed")
            #expect(try await cluster.server.get(Queue.self, name: "research").spec.weight == 4)
            #expect(try await cluster.server.list(Job.self).items.isEmpty)
        }
    }

    @Test func driftIsReportedWithItsFieldsAndHealedWhenAsked() async throws {
        let repo = try Repository()
        try repo.write("queues.yaml", Self.queue("research", weight: 4))
        try repo.commit("queues")
        try await cluster { cluster in
            _ = try await cluster.server.create(repository("platform", url: repo.folder))
            try await advance(cluster, .seconds(5))
            var changed = try await cluster.server.get(Queue.self, name: "research")
            changed.spec.weight = 1
            _ = try await cluster.server.update(changed)
            try await advance(cluster, .seconds(60))
            let drifted = try await status("platform", cluster)
            #expect(drifted.sync == GitSyncStatus.outOfSync)
            #expect(drifted.drift?.first?.fields == ["spec.weight"])
            #expect(try await cluster.server.get(Queue.self, name: "research").spec.weight == 1)
            var healing = try await cluster.server.get(GitRepository.self, name: "platform")
            healing.spec.selfHeal = true
            _ = try await cluster.server.update(healing)
            try await advance(cluster, .seconds(60))
            try await advance(cluster, .seconds(60))
            #expect(try await cluster.server.get(Queue.self, name: "research").spec.weight == 4)
            #expect(try await status("platform", cluster).sync == GitSyncStatus.synced)
        }
    }

    @Test func twoRepositoriesWithOverlappingPathsDoNotPruneEachOthersObjects() async throws {
        let repo = try Repository()
        try repo.write("queues/queues.yaml", Self.queue("research", weight: 4))
        try repo.write("training/jobs.yaml", Self.job("tokenize", parallelism: 2))
        try repo.commit("first")
        try await cluster { cluster in
            // The whole repository first; then one that overlaps it on queues/.
            _ = try await cluster.server.create(repository("everything", url: repo.folder))
            try await advance(cluster, .seconds(5))
            _ = try await cluster.server.create(repository("queues-only", url: repo.folder, path: "queues"))
            try await advance(cluster, .seconds(5))
            #expect(try await status("queues-only", cluster).inventory?.isEmpty == true)
            #expect(try await cluster.events(about: "queues-only", reason: "SharedResource").first?.contains("default/everything") == true)
            // queues-only now looks elsewhere: it must not prune the queue it never owned.
            var moved = try await cluster.server.get(GitRepository.self, name: "queues-only")
            moved.spec.path = "nothing-here"
            _ = try await cluster.server.update(moved)
            try await advance(cluster, .seconds(60))
            #expect(try await cluster.server.list(Queue.self).items.map(\.name) == ["research"])
            // And everything, dropping training/, prunes its job but keeps its queue.
            try repo.remove("training/jobs.yaml")
            try repo.commit("no training")
            try await advance(cluster, .seconds(60))
            #expect(try await cluster.server.list(Job.self).items.isEmpty)
            #expect(try await cluster.server.list(Queue.self).items.map(\.name) == ["research"])
        }
    }
}

extension TestCluster {
    /// The messages of the Events about `name` with `reason`.
    func events(about name: String, reason: String) async throws -> [String] {
        try await server.list(Event.self).items.filter { $0.involvedObject?.name == name && $0.reason == reason }.compactMap(\.message)
    }
}
