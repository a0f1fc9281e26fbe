import FermiStoreTestSupport
import Foundation
import Testing

/// `fermi up --until-idle` and the commands that read what it did: the same manifests and
/// seed give the same history, and a control plane killed mid-run carries on from the store.
@Suite("fermi up")
struct UpCommandTests {
    /// Two small pools and pods bound to them: one clean, one that fails once and resumes from
    /// its checkpoint, and a few whose failures are drawn from the seed.
    static let manifests = """
        apiVersion: fermi.dev/v1alpha1
        kind: Zone
        metadata: {name: cn-beijing-1}
        spec: {region: cn-beijing, latency: 1.2ms}
        ---
        apiVersion: fermi.dev/v1alpha1
        kind: NodePool
        metadata: {name: a100}
        spec:
          zone: cn-beijing-1
          replicas: 2
          shape: {cpu: "64", memory: 256Gi, gpu: {product: NVIDIA-A100-SXM4-80GB, count: 8, memory: 80Gi}}
          pricing: {perGPUHour: "8.50", perCoreHour: "0.20"}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: clean, annotations: {sim.fermi.dev/duration: 2h}}
        spec:
          nodeName: a100-0
          restartPolicy: Never
          containers:
          - {name: pytorch, image: pytorch/pytorch:2.1.0, resources: {limits: {nvidia.com/gpu: "8", cpu: "32"}}}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: resumed
          annotations: {sim.fermi.dev/duration: 3h, sim.fermi.dev/fail-after: 1h, sim.fermi.dev/checkpoint-interval: 15m}
        spec:
          nodeName: a100-1
          restartPolicy: OnFailure
          containers:
          - {name: pytorch, image: pytorch/pytorch:2.1.0, resources: {limits: {nvidia.com/gpu: "4", cpu: "16"}}}
        """ + (0..<4).map { index in
            """

            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: lottery-\(index)
              annotations: {sim.fermi.dev/duration: 1h, sim.fermi.dev/failure-probability: "0.5"}
            spec:
              nodeName: a100-1
              restartPolicy: OnFailure
              containers:
              - {name: main, image: busybox, resources: {limits: {nvidia.com/gpu: "1", cpu: "2"}}}
            """
        }.joined()

    static let start = "2026-01-01T00:00:00Z"

    /// Applies the manifests to a new store and plays them to the end.
    func simulate(seed: Int) async throws -> (scratch: Scratch, summary: FermiRun) {
        let scratch = try Scratch()
        let file = try scratch.write("cluster.yaml", Self.manifests)
        let applied = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        #expect(applied.status == 0, "\(applied.errors)")
        let up = try await FermiRun.run(
            ["up", "--until-idle", "--quiet", "--seed", String(seed), "--start", Self.start], store: scratch.store)
        #expect(up.status == 0, "\(up.errors)")
        return (scratch, up)
    }

    @Test func untilIdlePlaysEverythingOutAndSummarises() async throws {
        let (scratch, up) = try await simulate(seed: 7)
        defer { scratch.remove() }
        #expect(up.output.contains("Pods: 6 succeeded, 0 failed, 0 running, 0 pending"))
        // clean: 8 GPUs × 2 h; resumed: 4 GPUs × (1 h + 2 h after its 1 h checkpoint).
        let lines = up.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Simulated ") == true)

        let events = try await FermiRun.run(["events", "--for", "pod/resumed"], store: scratch.store)
        #expect(events.output.contains("Back-off restarting failed container pytorch"))
        #expect(events.output.contains("Successfully pulled image \"pytorch/pytorch:2.1.0\""))

        let top = try await FermiRun.run(["top", "zones"], store: scratch.store)
        #expect(top.output.contains("cn-beijing-1   NVIDIA-A100-SXM4-80GB   0                16          16"), "\(top.output)")

        let logs = try await FermiRun.run(["logs", "resumed"], store: scratch.store)
        #expect(logs.output.contains("Resuming from checkpoint at step 3600"), "\(logs.output)")
        #expect(logs.output.contains("Training complete | loss="), "\(logs.output)")

        let wait = try await FermiRun.run(
            ["wait", "pod/clean", "--for", "jsonpath={.status.phase}=Succeeded", "--timeout", "1s"], store: scratch.store)
        #expect(wait.output == "pod/clean condition met")
    }

    @Test func aSchedulePeriodThatIsNotADurationIsRefusedBeforeAnythingRuns() async throws {
        for period in ["soon", "-1s"] {
            let up = try await FermiRun.run(["up", "--until-idle", "--schedule-period=\(period)"])
            #expect(up.status != 0)
            #expect(up.errors.contains("--schedule-period: not a duration of zero or more: \(period)"), "\(up.errors)")
        }
    }

    @Test func theSameManifestsAndSeedGiveTheSameHistory() async throws {
        let first = try await simulate(seed: 42)
        let second = try await simulate(seed: 42)
        defer {
            first.scratch.remove()
            second.scratch.remove()
        }
        #expect(first.summary.output == second.summary.output)
        let history = { (scratch: Scratch) in
            try await FermiRun.run(["events", "-A"], store: scratch.store).output
        }
        let firstHistory = try await history(first.scratch)
        #expect(firstHistory.split(separator: "\n").count > 20)
        let secondHistory = try await history(second.scratch)
        let firstLines = firstHistory.split(separator: "\n")
        let secondLines = secondHistory.split(separator: "\n")
        let differing = zip(firstLines, secondLines).filter { $0 != $1 }.prefix(5).map { "\($0)\n\($1)" }
        #expect(firstHistory == secondHistory, "first differences:\n\(differing.joined(separator: "\n"))")
        let statuses = { (scratch: Scratch) in
            try await FermiRun.run(
                [
                    "get", "pods", "-o",
                    "custom-columns=NAME:.metadata.name,PHASE:.status.phase,RESTARTS:.status.containerStatuses[0].restartCount,STARTED:.status.containerStatuses[0].state.terminated.startedAt,FINISHED:.status.containerStatuses[0].state.terminated.finishedAt,COST:.metadata.annotations.sim\\.fermi\\.dev/cost",
                ], store: scratch.store
            ).output
        }
        let firstStatuses = try await statuses(first.scratch)
        #expect(firstStatuses.contains("lottery-0"))
        #expect(firstStatuses == (try await statuses(second.scratch)))
    }

    @Test func aControlPlaneKilledMidRunCarriesOnFromTheStore() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("cluster.yaml", Self.manifests)
        _ = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        // Live, an hour of simulated time every 6 seconds: killed once `clean` is running.
        let live = try ChildProcess(
            "fermi", ["up", "--time-scale", "600", "--quiet", "--start", Self.start, "--store", "sqlite:\(scratch.store)"])
        // `fermi wait` watches for the moment, as a person would; the test itself never sleeps.
        _ = try await FermiRun.run(
            ["wait", "pod/clean", "--for", "jsonpath={.status.phase}=Running", "--timeout", "60s"], store: scratch.store)
        let running = try await FermiRun.run(
            ["get", "pod", "clean", "-o", "jsonpath={.status.phase} {.status.containerStatuses[0].state.running.startedAt}"],
            store: scratch.store
        ).output
        live.killHard()
        _ = await live.waitForExit()
        #expect(running.hasPrefix("Running "), "clean never ran: \(running)")
        let startedAt = running.split(separator: " ").last.map(String.init) ?? ""

        let resumed = try await FermiRun.run(["up", "--until-idle", "--quiet"], store: scratch.store)
        #expect(resumed.status == 0, "\(resumed.errors)")
        let nodes = try await FermiRun.run(["get", "nodes", "-o", "name"], store: scratch.store)
        #expect(nodes.output == "node/a100-0\nnode/a100-1")
        let pods = try await FermiRun.run(["get", "pods", "-o", "name"], store: scratch.store)
        #expect(pods.output.split(separator: "\n").count == 6)
        let clean = try await FermiRun.run(
            [
                "get", "pod", "clean", "-o",
                "jsonpath={.status.phase} {.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].state.terminated.startedAt}",
            ], store: scratch.store)
        // The run that started before the kill is the one that finished: its start was kept.
        #expect(clean.output == "Succeeded 0 \(startedAt)")
    }

    @Test func twoProcessesEachRunningHalfTheControllersPlayTheSameHistory() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("cluster.yaml", Self.manifests)
        _ = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        // Live at 3,600 simulated seconds a second: the pods' hours pass in seconds.
        let shared = ["--time-scale", "3600", "--quiet", "--start", Self.start, "--store", "sqlite:\(scratch.store)"]
        let first = try ChildProcess("fermi", ["controllers", "--only", "garbage-collector,nodepool,zone,usage"] + shared)
        let second = try ChildProcess("fermi", ["controllers", "--only", "node-lifecycle,kubelet,fault"] + shared)
        let podNames = ["clean", "resumed"] + (0..<4).map { "lottery-\($0)" }
        _ = try await FermiRun.run(
            ["wait"] + podNames.map { "pod/\($0)" } + ["--for", "jsonpath={.status.phase}=Succeeded", "--timeout", "120s"],
            store: scratch.store)
        let phases = try await FermiRun.run(
            ["get", "pods", "-o", "jsonpath={.items[*].status.phase}"], store: scratch.store
        ).output
        first.killHard()
        second.killHard()
        _ = await first.waitForExit()
        _ = await second.waitForExit()
        #expect(phases == "Succeeded Succeeded Succeeded Succeeded Succeeded Succeeded")
        let nodes = try await FermiRun.run(["get", "nodes", "-o", "name"], store: scratch.store)
        #expect(nodes.output == "node/a100-0\nnode/a100-1")
        // The kubelet in one process and the usage roll-up in the other: the namespace's total
        // is the sum of its pods', as in one process.
        let resumed = try await FermiRun.run(
            ["get", "pod", "resumed", "-o", "jsonpath={.status.containerStatuses[0].restartCount} {.metadata.annotations.sim\\.fermi\\.dev/gpu-hours}"],
            store: scratch.store)
        #expect(resumed.output == "1 12")
        let namespace = try await FermiRun.run(
            ["get", "namespace", "default", "-o", "jsonpath={.metadata.annotations.sim\\.fermi\\.dev/gpu-hours}"],
            store: scratch.store)
        let pods = try await FermiRun.run(
            ["get", "pods", "-o", "jsonpath={.items[*].metadata.annotations.sim\\.fermi\\.dev/gpu-hours}"], store: scratch.store)
        let sum = pods.output.split(separator: " ").compactMap { Decimal(string: String($0)) }.reduce(0, +)
        #expect(Decimal(string: namespace.output) == sum)
    }

    @Test func simFailMakesAFaultThatUpPlaysAndRecoverDeletesIt() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("cluster.yaml", Self.manifests)
        _ = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        let unknown = try await FermiRun.run(["sim", "fail", "node/nowhere"], store: scratch.store)
        #expect(unknown.status != 0)
        #expect(unknown.errors.contains("nodes \"nowhere\" not found"), "\(unknown.errors)")

        _ = try await FermiRun.run(["up", "--until-idle", "--quiet", "--start", Self.start], store: scratch.store)
        let failed = try await FermiRun.run(["sim", "fail", "node/a100-0", "--for", "30m"], store: scratch.store)
        #expect(failed.status == 0, "\(failed.errors)")
        #expect(failed.output.hasSuffix("node/a100-0 fails now for 30m"))
        _ = try await FermiRun.run(["up", "--until-idle", "--quiet"], store: scratch.store)
        let faults = try await FermiRun.run(
            ["get", "faults", "-o", "jsonpath={.items[*].spec.target} {.items[*].status.phase}"], store: scratch.store)
        #expect(faults.output == "node/a100-0 Recovered")

        let held = try await FermiRun.run(["sim", "fail", "zone/cn-beijing-1"], store: scratch.store)
        #expect(held.status == 0, "\(held.errors)")
        _ = try await FermiRun.run(["up", "--until-idle", "--quiet", "--for", "1m"], store: scratch.store)
        let down = try await FermiRun.run(["get", "zone", "cn-beijing-1", "-o", "jsonpath={.status.health}"], store: scratch.store)
        #expect(down.output == "Down")
        let recover = try await FermiRun.run(["sim", "recover", "zone/cn-beijing-1"], store: scratch.store)
        #expect(recover.output.hasSuffix("zone/cn-beijing-1 recovers"))
        _ = try await FermiRun.run(["up", "--until-idle", "--quiet"], store: scratch.store)
        let healthy = try await FermiRun.run(["get", "zone", "cn-beijing-1", "-o", "jsonpath={.status.health}"], store: scratch.store)
        #expect(healthy.output == "Healthy")
        let none = try await FermiRun.run(["sim", "recover", "zone/cn-beijing-1"], store: scratch.store)
        #expect(none.output == "no faults on zone/cn-beijing-1")
    }

    @Test func deleteWithCascadeOrphanLeavesTheObjectForTheCollector() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("cluster.yaml", Self.manifests)
        _ = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        _ = try await FermiRun.run(["up", "--until-idle", "--quiet", "--start", Self.start, "--for", "1m"], store: scratch.store)
        let deleted = try await FermiRun.run(
            ["delete", "nodepool", "a100", "--cascade", "orphan", "--no-wait"], store: scratch.store)
        #expect(deleted.output == "nodepool.fermi.dev \"a100\" deleted")
        let marked = try await FermiRun.run(
            ["get", "nodepool", "a100", "-o", "jsonpath={.metadata.finalizers[0]}"], store: scratch.store)
        #expect(marked.output == "orphan")
        // The collector lets the nodes go (no owner any more) and the pool with them.
        _ = try await FermiRun.run(["up", "--until-idle", "--quiet", "--for", "1m"], store: scratch.store)
        let pools = try await FermiRun.run(["get", "nodepools", "-o", "name"], store: scratch.store)
        #expect(pools.output == "")
        let nodes = try await FermiRun.run(
            ["get", "nodes", "-o", "jsonpath={.items[*].metadata.ownerReferences}"], store: scratch.store)
        #expect(nodes.output.trimmingCharacters(in: .whitespaces) == "")
        let names = try await FermiRun.run(["get", "nodes", "-o", "name"], store: scratch.store)
        #expect(names.output == "node/a100-0\nnode/a100-1")
    }
}
