import Foundation
import Testing

/// `fermi apply` and `fermi delete` as a person uses them: outcomes printed as kubectl
/// prints them, errors with file, line and field, and nothing applied when anything is wrong.
@Suite("fermi apply and delete")
struct ApplyCommandTests {
    let queues = """
        apiVersion: scheduling.volcano.sh/v1beta1
        kind: Queue
        metadata:
          name: research
        spec:
          weight: 4
          capability:
            nvidia.com/gpu: 16
        ---
        apiVersion: scheduling.volcano.sh/v1beta1
        kind: Queue
        metadata:
          name: production
        spec:
          weight: 8
        """

    @Test func applyCreatesThenReportsUnchangedThenConfigured() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("queues.yaml", queues)
        let first = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        #expect(first.status == 0, "\(first.errors)")
        #expect(first.output == "queue.scheduling.volcano.sh/research created\nqueue.scheduling.volcano.sh/production created")
        let second = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        #expect(second.output == "queue.scheduling.volcano.sh/research unchanged\nqueue.scheduling.volcano.sh/production unchanged")
        _ = try scratch.write("queues.yaml", queues.replacingOccurrences(of: "weight: 8", with: "weight: 9"))
        let third = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        #expect(third.output == "queue.scheduling.volcano.sh/research unchanged\nqueue.scheduling.volcano.sh/production configured")
    }

    @Test func anInvalidThirdDocumentLeavesTheStoreUnchanged() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write(
            "queues.yaml",
            queues + "\n---\napiVersion: scheduling.volcano.sh/v1beta1\nkind: Queue\nmetadata:\n  name: bad\nspec:\n  weight: -1\n")
        let run = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        #expect(run.status != 0)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("error: \(file):22: spec.weight: Invalid value: -1: queue weight must be a positive integer"))
        let listing = try await FermiRun.run(["store", "list", "/registry/scheduling.volcano.sh/"], store: scratch.store)
        #expect(listing.output == "0 keys at revision 1")
    }

    @Test func unknownFieldsWarnAndFailWhenStrict() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("q.yaml", queues.replacingOccurrences(of: "weight: 8", with: "weight: 8\n  colour: blue"))
        let strict = try await FermiRun.run(["apply", "-f", file, "--validate=strict"], store: scratch.store)
        #expect(strict.status != 0)
        #expect(strict.errors.contains("error: \(file):16: unknown field \"spec.colour\""))
        let warned = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        #expect(warned.status == 0)
        #expect(warned.errors.contains("Warning: \(file):16: unknown field \"spec.colour\""))
    }

    @Test func malformedYAMLAndUnservedKindsAreClearErrors() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let bad = try scratch.write("bad.yaml", "kind: Queue\nmetadata:\n  name: [x\n")
        let malformed = try await FermiRun.run(["apply", "-f", bad], store: scratch.store)
        #expect(malformed.status != 0)
        #expect(malformed.errors.contains("\(bad): error converting YAML to JSON: line "))
        let daemonSet = try scratch.write("ds.yaml", "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n")
        let unserved = try await FermiRun.run(["apply", "-f", daemonSet], store: scratch.store)
        #expect(unserved.status != 0)
        #expect(unserved.errors.contains(#"no matches for kind "DaemonSet" in version "apps/v1""#))
    }

    @Test func deleteByKindAndNameAndByManifest() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = try scratch.write("queues.yaml", queues)
        _ = try await FermiRun.run(["apply", "-f", file], store: scratch.store)
        let byName = try await FermiRun.run(["delete", "queue", "research"], store: scratch.store)
        #expect(byName.output == #"queue.scheduling.volcano.sh "research" deleted"#)
        let again = try await FermiRun.run(["delete", "queue", "research"], store: scratch.store)
        #expect(again.status != 0)
        #expect(again.errors.contains(#"queues.scheduling.volcano.sh "research" not found"#))
        let byFile = try await FermiRun.run(["delete", "-f", file, "--ignore-not-found"], store: scratch.store)
        #expect(byFile.output == #"queue.scheduling.volcano.sh "production" deleted"#)
    }
}

/// A folder that creates a namespace and the objects in it applies in one go.
@Suite("fermi apply with namespaces")
struct ApplyNamespaceTests {
    @Test func objectsGoIntoTheNamespaceTheSameApplyCreates() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        _ = try scratch.write(
            "research/config.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: research\ndata:\n  epochs: \"3\"\n")
        _ = try scratch.write("research/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: research\n")
        let folder = scratch.directory.appendingPathComponent("research").path
        let run = try await FermiRun.run(["apply", "-f", folder], store: scratch.store)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output == "namespace/research created\nconfigmap/settings created")
        let missing = try scratch.write(
            "other.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: nowhere\n")
        let refused = try await FermiRun.run(["apply", "-f", missing], store: scratch.store)
        #expect(refused.status != 0)
        #expect(refused.errors.contains("error: \(missing):5: namespaces \"nowhere\" not found"))
    }

    @Test func dashNPlacesObjectsThatNameNoNamespaceAndRefusesOnesThatNameAnother() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let namespace = try scratch.write("namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: research\n")
        _ = try await FermiRun.run(["apply", "-f", namespace], store: scratch.store)
        let unplaced = try scratch.write("unplaced.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")
        let placed = try await FermiRun.run(["apply", "-f", unplaced, "-n", "research"], store: scratch.store)
        #expect(placed.status == 0, "\(placed.errors)")
        let listed = try await FermiRun.run(["get", "configmaps", "-n", "research", "-o", "name"], store: scratch.store)
        #expect(listed.output == "configmap/settings")
        // A document naming another namespace fails the whole apply: the first is not applied either.
        let mixed = try scratch.write(
            "mixed.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\n  namespace: default\n")
        let refused = try await FermiRun.run(["apply", "-f", mixed, "-n", "research"], store: scratch.store)
        #expect(refused.status != 0)
        #expect(refused.errors.contains(
            "\(mixed):10: the namespace from the provided object \"default\" does not match the namespace \"research\". "
                + "You must pass '--namespace=default' to perform this operation."), "\(refused.errors)")
        let after = try await FermiRun.run(["get", "configmaps", "-A", "-o", "name"], store: scratch.store)
        #expect(after.output == "configmap/settings")
    }
}
