import FermiStoreTestSupport
import Foundation
import Testing

/// `fermi get` lists and shows objects as kubectl does.
@Suite("fermi get")
struct GetCommandTests {
    @Test func listsShowsByNameAndPrintsNamesAndJSON() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write(
            "q.yaml",
            """
            apiVersion: scheduling.volcano.sh/v1beta1
            kind: Queue
            metadata: {name: research, labels: {team: nlp}}
            ---
            apiVersion: scheduling.volcano.sh/v1beta1
            kind: Queue
            metadata: {name: production}
            """)
        _ = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        let table = try await FermiRun.run(["get", "queues"], store: scratch.store)
        let lines = table.output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("NAME ") == true)
        #expect(lines.dropFirst().map { $0.split(separator: " ").first ?? "" } == ["production", "research"])
        let named = try await FermiRun.run(["get", "q", "research", "-o", "name"], store: scratch.store)
        #expect(named.output == "queue.scheduling.volcano.sh/research")
        let selected = try await FermiRun.run(["get", "queues", "-l", "team=nlp", "-o", "name"], store: scratch.store)
        #expect(selected.output == "queue.scheduling.volcano.sh/research")
        let json = try await FermiRun.run(["get", "queue/production", "-o", "json"], store: scratch.store)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect((object?["spec"] as? [String: Any])?["weight"] as? Int == 1)
        let yaml = try await FermiRun.run(["get", "queue", "production", "-o", "yaml"], store: scratch.store)
        #expect(yaml.output.hasPrefix("apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata:\n"))
        #expect(yaml.output.contains("\nspec:\n  reclaimable: true\n  weight: 1"))
        let missing = try await FermiRun.run(["get", "queue", "nope"], store: scratch.store)
        #expect(missing.status != 0)
        #expect(missing.errors.contains(#"queues.scheduling.volcano.sh "nope" not found"#))
        let unknown = try await FermiRun.run(["get", "daemonsets"], store: scratch.store)
        #expect(unknown.errors.contains(#"the server doesn't have a resource type "daemonsets""#))
    }
}

/// `fermi get -w` prints the table, then a line per change as it happens.
@Suite("fermi get -w")
struct GetWatchTests {
    @Test func watchPrintsEachChangeAfterTheTable() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = try scratch.write(
            "a.yaml", "apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata:\n  name: alpha\n")
        let second = try scratch.write(
            "b.yaml", "apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata:\n  name: beta\n")
        _ = try await FermiRun.run(["apply", "-f", first], store: scratch.store)
        let watcher = try ChildProcess("fermi", ["get", "queues", "-w", "--store", "sqlite:\(scratch.store)"])
        await watcher.waitForLines(2)
        _ = try await FermiRun.run(["apply", "-f", second], store: scratch.store)
        _ = try await FermiRun.run(["delete", "queue", "alpha"], store: scratch.store)
        await watcher.waitForLines(4)
        watcher.killHard()
        await watcher.waitForExit()
        let names = watcher.lines.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(Array(names.prefix(4)) == ["NAME", "alpha", "beta", "alpha"])
    }
}

/// `fermi get -o wide|jsonpath|custom-columns`, `--sort-by` and tables of several kinds.
@Suite("fermi get output formats")
struct GetOutputFormatTests {
    static let manifests = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {app: web}}
        spec:
          containers: [{name: nginx, image: "nginx:1.25"}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: small}
        data: {a: "1"}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: big}
        data: {a: "1", b: "2", c: "3"}
        """

    /// The first word of each line: a table's names.
    static func firstWords(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
    }

    @Test func formatsSelectAndSortAsKubectl() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try await FermiRun.run(["apply", "-f", try scratch.write("m.yaml", Self.manifests)], store: scratch.store)
        let path = try await FermiRun.run(
            ["get", "pod", "web", "-o", "jsonpath={.spec.containers[0].imagePullPolicy}/{.status.phase}"], store: scratch.store)
        #expect(path.output == "IfNotPresent/Pending")
        let columns = try await FermiRun.run(
            ["get", "configmaps", "-o", "custom-columns=NAME:.metadata.name,KEYS:.data.a", "--sort-by", ".metadata.name"],
            store: scratch.store)
        #expect(columns.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            == [["NAME", "KEYS"], ["big", "1"], ["small", "1"]])
        let byName = try await FermiRun.run(
            ["get", "cm", "-o", "jsonpath={range .items[*]}{.metadata.name} {end}", "--sort-by={.metadata.name}"],
            store: scratch.store)
        #expect(byName.output == "big small ")
        let wide = try await FermiRun.run(["get", "pods", "-o", "wide"], store: scratch.store)
        #expect(wide.output.hasPrefix("NAME   READY   STATUS    RESTARTS   AGE   IP       NODE     NOMINATED NODE   READINESS GATES\n"))
        let both = try await FermiRun.run(["get", "pods,configmaps", "--no-headers"], store: scratch.store)
        #expect(Self.firstWords(both.output) == ["pod/web", "configmap/big", "configmap/small"])
        // `all` is the kinds in that category: the pod, not the config maps.
        let all = try await FermiRun.run(["get", "all", "--no-headers"], store: scratch.store)
        #expect(Self.firstWords(all.output) == ["pod/web"])
        // A table sorts its rows too: `small` has no `b`, and missing values sort first.
        let sorted = try await FermiRun.run(["get", "configmaps", "--sort-by", ".data.b", "--no-headers"], store: scratch.store)
        #expect(Self.firstWords(sorted.output) == ["small", "big"])
        let bad = try await FermiRun.run(["get", "pods", "-o", "jsonpath={.items[0"], store: scratch.store)
        #expect(bad.status != 0)
        #expect(bad.errors.contains("error parsing jsonpath"))
        let unknown = try await FermiRun.run(["get", "pods", "-o", "table"], store: scratch.store)
        #expect(unknown.errors.contains("unable to match a printer suitable for the output format \"table\""))
    }
}
