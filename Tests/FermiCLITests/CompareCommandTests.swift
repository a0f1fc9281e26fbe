import Foundation
import Testing

/// `fermi compare` puts training jobs side by side.
@Suite("fermi compare")
struct CompareCommandTests {
    private func job(_ name: String, rate: String) -> String {
        """
        apiVersion: kubeflow.org/v1
        kind: PyTorchJob
        metadata: {name: \(name)}
        spec:
          pytorchReplicaSpecs:
            Master:
              replicas: 1
              template:
                spec:
                  containers:
                  - name: pytorch
                    image: registry.example.com/train:1
                    args: ["--epochs", "3"]
                    env: [{name: LEARNING_RATE, value: "\(rate)"}]
                    resources: {limits: {nvidia.com/gpu: "8"}}
        """
    }

    @Test func jobsAreComparedFieldByFieldWithTheirParameters() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("jobs.yaml", job("run-a", rate: "2e-5") + "\n---\n" + job("run-b", rate: "1e-5"))
        _ = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        let compared = try await FermiRun.run(["compare", "pytorchjobs", "run-a", "run-b"], store: scratch.store)
        #expect(compared.status == 0)
        let rows = compared.output.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.first == ["FIELD", "run-a", "run-b"])
        #expect(rows.contains(["gpus", "8", "8"]))
        #expect(rows.contains(["param", "LEARNING_RATE", "2e-5", "1e-5"]))
        #expect(rows.contains(["param", "args", "--epochs", "3", "--epochs", "3"]))
        let wrong = try await FermiRun.run(["compare", "queues", "a"], store: scratch.store)
        #expect(wrong.status != 0)
        #expect(wrong.errors.contains("fermi compare compares pytorchjobs, not queues"))
    }
}
