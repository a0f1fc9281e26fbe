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
