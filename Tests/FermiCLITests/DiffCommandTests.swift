import Foundation
import Testing

/// `fermi diff` shows what apply would change, as kubectl diff does, and changes nothing.
@Suite("fermi diff")
struct DiffCommandTests {
    static let job = """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: pi}
        spec:
          backoffLimit: 4
          template:
            spec:
              restartPolicy: Never
              containers: [{name: pi, image: "perl:5.34"}]
        """

    @Test func aChangedFieldIsAUnifiedDiffAndExitsOne() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try await FermiRun.run(["apply", "-f", try scratch.write("job.yaml", Self.job)], store: scratch.store)
        let changed = try scratch.write("changed.yaml", Self.job.replacingOccurrences(of: "backoffLimit: 4", with: "backoffLimit: 7"))
        let diff = try await FermiRun.run(["diff", "-f", changed], store: scratch.store)
        #expect(diff.status == 1)
        #expect(diff.output.contains("-  backoffLimit: 4\n+  backoffLimit: 7"))
        #expect(diff.output.contains("-  generation: 1\n+  generation: 2"))
        #expect(diff.output.contains("/batch.v1.Job.default.pi"))
        let live = try await FermiRun.run(["get", "job", "pi", "-o", "jsonpath={.spec.backoffLimit}"], store: scratch.store)
        #expect(live.output == "4")
    }

    @Test func anUnchangedManifestHasNoDiffAndANewObjectIsAllAdded() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("job.yaml", Self.job)
        let before = try await FermiRun.run(["diff", "-f", file], store: scratch.store)
        #expect(before.status == 1)
        #expect(before.output.contains("+kind: Job"))
        #expect(!before.output.contains("\n-kind"))
        _ = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        let after = try await FermiRun.run(["diff", "-f", file], store: scratch.store)
        #expect(after.status == 0)
        #expect(after.output.isEmpty)
    }

    @Test func anInvalidManifestIsAnErrorAboveOne() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("bad.yaml", Self.job.replacingOccurrences(of: "backoffLimit: 4", with: "backoffLimit: -1"))
        let diff = try await FermiRun.run(["diff", "-f", file], store: scratch.store)
        #expect(diff.status == 2)
        #expect(diff.errors.contains("spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"))
    }
}
