import FermiStoreTestSupport
import Foundation
import Testing

/// `fermi --server URL --token T ...` and `fermi --kubeconfig PATH ...` do through a running
/// `fermi serve` what they do on the embedded store, printing the same.
@Suite("fermi in remote mode")
struct RemoteModeTests {
    static let manifests = """
        apiVersion: scheduling.volcano.sh/v1beta1
        kind: Queue
        metadata: {name: research, labels: {team: nlp}}
        spec: {weight: 4}
        ---
        apiVersion: scheduling.volcano.sh/v1beta1
        kind: Queue
        metadata: {name: production}
        spec: {weight: 8}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {mode: fast}
        """

    static let events = """
        apiVersion: v1
        kind: Event
        metadata: {name: settings.checked}
        involvedObject: {kind: ConfigMap, name: settings, namespace: default}
        reason: Checked
        message: the settings look fine
        type: Normal
        source: {component: tester}
        ---
        apiVersion: v1
        kind: Event
        metadata: {name: other.checked}
        involvedObject: {kind: ConfigMap, name: other, namespace: default}
        reason: Elsewhere
        message: about another object
        type: Normal
        source: {component: tester}
        """

    @Test func applyPrintsCreatedThenUnchangedThenConfiguredAsOnTheStore() async throws {
        try await ServedAPI.with { served in
            let file = try served.scratch.write("all.yaml", Self.manifests)
            let first = try await served.run(["apply", "-f", file])
            #expect(first.status == 0, "\(first.errors)")
            #expect(
                first.output
                    == "queue.scheduling.volcano.sh/research created\nqueue.scheduling.volcano.sh/production created\nconfigmap/settings created")
            let second = try await served.run(["apply", "-f", file])
            #expect(
                second.output
                    == "queue.scheduling.volcano.sh/research unchanged\nqueue.scheduling.volcano.sh/production unchanged\nconfigmap/settings unchanged")
            _ = try served.scratch.write("all.yaml", Self.manifests.replacingOccurrences(of: "weight: 8", with: "weight: 9"))
            let dryRun = try await served.run(["apply", "-f", file, "--dry-run=server"])
            #expect(dryRun.output.contains("queue.scheduling.volcano.sh/production configured (server dry run)"), "\(dryRun.output)")
            let untouched = try await served.run(["get", "queue", "production", "-o", "jsonpath={.spec.weight}"])
            #expect(untouched.output == "8")
            let third = try await served.run(["apply", "-f", file])
            #expect(
                third.output
                    == "queue.scheduling.volcano.sh/research unchanged\nqueue.scheduling.volcano.sh/production configured\nconfigmap/settings unchanged")
            let changed = try await served.run(["get", "queue", "production", "-o", "jsonpath={.spec.weight}"])
            #expect(changed.output == "9")
            // A field the manifest no longer sets goes, as with kubectl apply.
            _ = try served.scratch.write("all.yaml", Self.manifests.replacingOccurrences(of: ", labels: {team: nlp}", with: ""))
            _ = try await served.run(["apply", "-f", file])
            let labels = try await served.run(["get", "queue", "research", "-o", "jsonpath={.metadata.labels}"])
            #expect(labels.status == 0)
            #expect(!labels.output.contains("nlp"), "\(labels.output)")
        }
    }

    @Test func getDescribeAndDeleteReadAndWriteThroughTheServer() async throws {
        try await ServedAPI.with { served in
            let file = try served.scratch.write("all.yaml", Self.manifests + "\n---\n" + Self.events)
            let applied = try await served.run(["apply", "-f", file])
            #expect(applied.status == 0, "\(applied.errors)")
            let table = try await served.run(["get", "queues"])
            let lines = table.output.split(separator: "\n")
            #expect(lines.first?.hasPrefix("NAME ") == true, "\(table.output)")
            #expect(lines.dropFirst().map { $0.split(separator: " ").first ?? "" } == ["production", "research"])
            let selected = try await served.run(["get", "queues", "-l", "team=nlp", "-o", "name"])
            #expect(selected.output == "queue.scheduling.volcano.sh/research")
            let yaml = try await served.run(["get", "queue", "production", "-o", "yaml"])
            #expect(yaml.output.hasPrefix("apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata:\n"), "\(yaml.output)")
            #expect(yaml.output.contains("\nspec:\n  reclaimable: true\n  weight: 8"))
            #expect(!yaml.output.contains("managedFields"))

            let described = try await served.run(["describe", "configmap", "settings"])
            #expect(described.status == 0, "\(described.errors)")
            #expect(described.output.contains("Name:"), "\(described.output)")
            #expect(described.output.contains("Checked"))
            #expect(described.output.contains("the settings look fine"))
            #expect(!described.output.contains("Elsewhere"))

            let deleted = try await served.run(["delete", "queue", "research"])
            #expect(deleted.output == #"queue.scheduling.volcano.sh "research" deleted"#, "\(deleted.errors)")
            let gone = try await served.run(["get", "queue", "research"])
            #expect(gone.status != 0)
            #expect(gone.errors.contains(#"queues.scheduling.volcano.sh "research" not found"#), "\(gone.errors)")
            let again = try await served.run(["delete", "queue", "research"])
            #expect(again.errors.contains(#"Error from server (NotFound): queues.scheduling.volcano.sh "research" not found"#))
            let all = try await served.run(["delete", "configmaps", "--all"])
            #expect(all.output == #"configmap "settings" deleted"#, "\(all.output) \(all.errors)")
        }
    }

    @Test func getWatchPrintsEachChangeAfterTheTable() async throws {
        try await ServedAPI.with { served in
            let first = try served.scratch.write("a.yaml", "apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata: {name: alpha}\n")
            let second = try served.scratch.write("b.yaml", "apiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata: {name: beta}\n")
            _ = try await served.run(["apply", "-f", first])
            let watcher = try ChildProcess(
                "fermi", ["get", "queues", "-w", "--server", served.url, "--token", ServedAPI.adminToken, "--insecure-skip-tls-verify"])
            await watcher.waitForLines(2)
            _ = try await served.run(["apply", "-f", second])
            _ = try await served.run(["delete", "queue", "alpha"])
            await watcher.waitForLines(4)
            watcher.killHard()
            await watcher.waitForExit()
            let names = watcher.lines.map { $0.split(separator: " ").first.map(String.init) ?? "" }
            #expect(Array(names.prefix(4)) == ["NAME", "alpha", "beta", "alpha"], "\(watcher.lines) \(watcher.errorText)")
        }
    }

    @Test func aUserWithoutRightsIsForbiddenInTheServersWords() async throws {
        try await ServedAPI.with { served in
            let listing = try await served.run(["get", "queues"], token: ServedAPI.aliceToken)
            #expect(listing.status != 0)
            #expect(
                listing.errors.contains(
                    #"queues.scheduling.volcano.sh is forbidden: User "alice" cannot list resource "queues" in API group "scheduling.volcano.sh" at the cluster scope"#),
                "\(listing.errors)")
            let file = try served.scratch.write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes}\n")
            let applying = try await served.run(["apply", "-f", file], token: ServedAPI.aliceToken)
            #expect(applying.status != 0)
            #expect(
                applying.errors.contains(
                    #"configmaps "notes" is forbidden: User "alice" cannot get resource "configmaps" in API group "" in the namespace "default""#),
                "\(applying.errors)")
        }
    }

    @Test func aWrongTokenIsUnauthorized() async throws {
        try await ServedAPI.with { served in
            let run = try await served.run(["get", "queues"], token: "not-a-token")
            #expect(run.status != 0)
            #expect(run.errors.contains("You must be logged in to the server (Unauthorized)"), "\(run.errors)")
        }
    }

    @Test func aKubeconfigNamesTheServerItsAuthorityAndTheToken() async throws {
        try await ServedAPI.with { served in
            let file = try served.scratch.write("all.yaml", Self.manifests)
            _ = try await served.run(["apply", "-f", file])
            let config = try served.kubeconfig()
            let byFlag = try await FermiRun.run(["get", "queues", "-o", "name", "--kubeconfig", config])
            #expect(byFlag.status == 0, "\(byFlag.errors)")
            #expect(byFlag.output == "queue.scheduling.volcano.sh/production\nqueue.scheduling.volcano.sh/research")
            let flagsFirst = try await FermiRun.run(["--kubeconfig", config, "get", "queues", "-o", "name"])
            #expect(flagsFirst.output == byFlag.output, "\(flagsFirst.errors)")
            let byEnvironment = try await FermiRun.run(["get", "queues", "-o", "name"], environment: ["KUBECONFIG": config])
            #expect(byEnvironment.output == byFlag.output, "\(byEnvironment.errors)")
            // A flag beats the kubeconfig: its token is wrong, --token is right.
            let stale = try served.kubeconfig(named: "stale", token: "not-a-token")
            let refused = try await FermiRun.run(["get", "queues", "--kubeconfig", stale])
            #expect(refused.errors.contains("(Unauthorized)"))
            let overridden = try await FermiRun.run(["get", "queues", "-o", "name", "--kubeconfig", stale, "--token", ServedAPI.adminToken])
            #expect(overridden.output == byFlag.output, "\(overridden.errors)")
            // A store named on the command line beats KUBECONFIG.
            let local = try await FermiRun.run(
                ["get", "queues", "--store", "sqlite:\(served.scratch.directory.path)/local.db"], environment: ["KUBECONFIG": config])
            #expect(local.status == 0, "\(local.errors)")
            #expect(local.errors.contains("No resources found"))
        }
    }

    @Test func theKubeconfigContextsNamespaceIsTheDefaultAndAKUBECONFIGListMergesFirstWins() async throws {
        try await ServedAPI.with { served in
            let objects = try served.scratch.write(
                "team.yaml",
                "apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n---\n"
                    + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: team-a}\n")
            _ = try await served.run(["apply", "-f", objects])
            let inTeam = try served.kubeconfig(named: "team", token: ServedAPI.adminToken, contextNamespace: "team-a")
            let listed = try await FermiRun.run(["get", "configmaps", "-o", "name", "--kubeconfig", inTeam])
            #expect(listed.output == "configmap/settings", "\(listed.errors)")
            // -n beats the context's namespace.
            let inDefault = try await FermiRun.run(["get", "configmaps", "-n", "default", "--kubeconfig", inTeam])
            #expect(inDefault.errors.contains("No resources found in default namespace."), "\(inDefault.errors)")
            // The first file names the context (in team-a) and the current context; the second,
            // the cluster and user, and a context of the same name that the first one hides.
            // A file of the list that does not exist is passed over.
            let context = try served.scratch.write(
                "context.yaml",
                "contexts:\n- name: served\n  context: {cluster: served, user: someone, namespace: team-a}\ncurrent-context: served\n")
            let list = [served.scratch.directory.appendingPathComponent("absent.yaml").path, context, try served.kubeconfig()]
            let merged = try await FermiRun.run(["get", "configmaps", "-o", "name"], environment: ["KUBECONFIG": list.joined(separator: ":")])
            #expect(merged.output == "configmap/settings", "\(merged.errors)")
        }
    }

    @Test func theServersCertificateIsCheckedUnlessSkipped() async throws {
        try await ServedAPI.with { served in
            let unverified = try await FermiRun.run(["get", "queues", "--server", served.url, "--token", ServedAPI.adminToken])
            #expect(unverified.status != 0)
            #expect(unverified.errors.contains("Unable to connect to the server"), "\(unverified.errors)")
            let trusted = try await FermiRun.run(
                ["get", "namespaces", "-o", "name", "--server", served.url, "--token", ServedAPI.adminToken, "--certificate-authority",
                 served.certificatePath])
            #expect(trusted.output.contains("namespace/default"), "\(trusted.errors)")
        }
    }

    @Test func commandsOnTheStoreItselfSayTheyNeedTheEmbeddedStore() async throws {
        try await ServedAPI.with { served in
            for command in [["store", "list", "/registry/"], ["serve", "--listen", "127.0.0.1:0"], ["up", "--until-idle"]] {
                let run = try await served.run(command)
                #expect(run.status != 0)
                #expect(run.errors.contains("this command works on the embedded store itself"), "\(command): \(run.errors)")
            }
        }
    }
}
