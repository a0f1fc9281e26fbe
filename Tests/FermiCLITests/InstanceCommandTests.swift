import Foundation
import Testing

/// `fermi start` and `fermi stop` turn an instance on and off; `fermi get instances` shows it.
@Suite("fermi start and stop")
struct InstanceCommandTests {
    @Test func stopAndStartTurnAnInstancesRunningOffAndOnAndMarkItUsed() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write(
            "lab.yaml",
            """
            apiVersion: fermi.dev/v1alpha1
            kind: Instance
            metadata: {name: lab}
            spec: {type: notebook, resources: {gpu: 1}}
            """)
        _ = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        let stopped = try await FermiRun.run(["stop", "instance", "lab"], store: scratch.store)
        #expect(stopped.output == "instance.fermi.dev/lab stopped")
        let off = try await FermiRun.run(["get", "instance", "lab", "-o", "jsonpath={.spec.running}"], store: scratch.store)
        #expect(off.output == "false")
        _ = try await FermiRun.run(["start", "instance", "lab"], store: scratch.store)
        let on = try await FermiRun.run(
            ["get", "instance", "lab", "-o", "jsonpath={.spec.running} {.metadata.annotations.fermi\\.dev/last-activity}"], store: scratch.store)
        #expect(on.output.hasPrefix("true 20"), "\(on.output)")
        let columns = try await FermiRun.run(["get", "instances"], store: scratch.store)
        let header = columns.output.split(separator: "\n").first?.split(separator: " ").map(String.init)
        #expect(header == ["NAME", "TYPE", "PHASE", "GPUS", "ENDPOINT", "COST", "AGE"], "\(columns.output)")
        let wrong = try await FermiRun.run(["stop", "job", "lab"], store: scratch.store)
        #expect(wrong.status != 0)
        #expect(wrong.errors.contains("only instances start and stop, not job"))
    }
}
