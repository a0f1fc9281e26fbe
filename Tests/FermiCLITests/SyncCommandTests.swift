import Foundation
import Testing

/// `fermi sync` applies a Git repository once, prunes what an earlier sync applied and it no
/// longer has, and applies nothing from a bad commit.
@Suite("fermi sync")
struct SyncCommandTests {
    private func git(_ folder: URL, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path] + arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    }

    @Test func aRepositoryIsSyncedPrunedAndABadCommitChangesNothing() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let repo = URL(fileURLWithPath: try scratch.write("repo/queues.yaml", "apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata: {name: research}\nspec: {weight: 4}\n"))
            .deletingLastPathComponent()
        _ = try scratch.write("repo/jobs.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {rate: \"1e-4\"}\n")
        try git(repo, "init", "-q", "-b", "main")
        try git(repo, "-c", "user.email=t@fermi.dev", "-c", "user.name=t", "add", "-A")
        try git(repo, "-c", "user.email=t@fermi.dev", "-c", "user.name=t", "commit", "-q", "-m", "first")
        let first = try await FermiRun.run(["sync", repo.path, "--prune"], store: scratch.store)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output.contains("queue.scheduling.volcano.sh/research created"))
        #expect(first.output.contains("configmap/settings created"))

        try git(repo, "rm", "-q", "jobs.yaml")
        _ = try scratch.write("repo/queues.yaml", "apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata: {name: research}\nspec: {weight: 6}\n")
        try git(repo, "-c", "user.email=t@fermi.dev", "-c", "user.name=t", "commit", "-q", "-a", "-m", "second")
        let second = try await FermiRun.run(["sync", repo.path, "--prune"], store: scratch.store)
        #expect(second.output.contains("queue.scheduling.volcano.sh/research configured"))
        #expect(second.output.contains("configmap/settings pruned"))

        _ = try scratch.write("repo/bad.yaml", "apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata: {name: broken}\nspec: {weight: -2}\n")
        try git(repo, "-c", "user.email=t@fermi.dev", "-c", "user.name=t", "add", "-A")
        try git(repo, "-c", "user.email=t@fermi.dev", "-c", "user.name=t", "commit", "-q", "-m", "bad")
        let bad = try await FermiRun.run(["sync", repo.path, "--prune"], store: scratch.store)
        #expect(bad.status != 0)
        #expect(bad.errors.contains("bad.yaml:4: spec.weight"), "\(bad.errors)")
        let queues = try await FermiRun.run(["get", "queues", "-o", "name"], store: scratch.store)
        #expect(queues.output == "queue.scheduling.volcano.sh/research")
    }
}
