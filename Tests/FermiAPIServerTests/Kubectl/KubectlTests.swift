import FermiAPI
import FermiAPIServer
import FermiStoreTestSupport
import Foundation
import Testing

/// The real kubectl against `fermi serve`'s API, over HTTPS with a token and RBAC: apply,
/// get (our columns, YAML, watch), describe, delete, api-resources, explain, and server-side
/// apply's conflicts. Each test asserts on what kubectl printed.
@Suite(
    "kubectl", .serialized,
    // These tests drive the kubectl installed on the machine; without one there is nothing to drive.
    .enabled(if: Kubectl.installed != nil, "kubectl is not installed on PATH"))
struct KubectlTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let job = """
        apiVersion: kubeflow.org/v1
        kind: PyTorchJob
        metadata:
          name: mnist
        spec:
          runPolicy:
            schedulingPolicy:
              queue: research
          pytorchReplicaSpecs:
            Master:
              replicas: 1
              template:
                spec:
                  containers:
                  - name: pytorch
                    image: pytorch/pytorch:2.1
                    resources:
                      limits:
                        nvidia.com/gpu: "2"
            Worker:
              replicas: 3
              template:
                spec:
                  containers:
                  - name: pytorch
                    image: pytorch/pytorch:2.1
                    resources:
                      limits:
                        nvidia.com/gpu: "2"

        """

    /// Columns as kubectl prints them: separated by two spaces or more.
    private static func cells(_ line: String) -> [String] {
        line.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    @Test(arguments: ExampleApplies.all)
    func everyExampleAppliesWithKubectl(_ example: ExampleApplies) async throws {
        try await KubectlCluster.run { cluster in
            for path in example.paths {
                let applied = try await cluster.kubectl.run(["apply", "-f", Self.root.appendingPathComponent(path).path])
                #expect(applied.status == 0, "\(path): \(applied)")
                #expect(applied.errors.isEmpty, "\(path) warned: \(applied.errors)")
                for document in try ExampleApplies.documents(at: Self.root.appendingPathComponent(path)) {
                    let type = try KindRegistry.served.type(
                        apiVersion: document["apiVersion"]?.stringValue ?? "", kind: document["kind"]?.stringValue ?? "")
                    let resource = type.resource
                    let name = document["metadata"]?["name"]?.stringValue ?? ""
                    let shown = "\(resource.kind.lowercased())\(resource.group.isEmpty ? "" : ".\(resource.group)")/\(name) "
                    #expect(applied.output.split(separator: "\n").contains { $0.hasPrefix(shown) }, "\(path): no line for \(shown)")
                    let namespace = resource.namespaced ? document["metadata"]?["namespace"]?.stringValue ?? "default" : ""
                    _ = try await cluster.server.object(of: resource, namespace: namespace, name: name)
                }
            }
        }
    }

    @Test func everyExampleManifestIsApplied() throws {
        let applied = ExampleApplies.all.flatMap(\.paths)
        let examples = Self.root.appendingPathComponent("examples")
        let folders = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: examples.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }
        #expect(Set(folders) == Set(ExampleApplies.all.map(\.name)), "every example folder has its applies")
        let files = try #require(FileManager.default.enumerator(atPath: examples.path)).compactMap { $0 as? String }
        for file in files where file.hasSuffix(".yaml") {
            #expect(applied.contains { "examples/\(file)".hasPrefix($0) }, "examples/\(file) is applied by no test")
        }
    }

    @Test func getPrintsTheColumnsFermiGetPrints() async throws {
        try await KubectlCluster.run { cluster in
            for path in ["examples/volcano-queues/queues.yaml", "examples/llm-finetune/pytorchjob.yaml"] {
                #expect(try await cluster.kubectl.run(["apply", "-f", Self.root.appendingPathComponent(path).path]).status == 0)
            }
            let checks: [(arguments: [String], type: any APIObject.Type, wide: Bool)] = [
                (["get", "pytorchjobs"], PyTorchJob.self, false), (["get", "pytorchjobs", "-o", "wide"], PyTorchJob.self, true),
                (["get", "queues"], Queue.self, false), (["get", "ns"], Namespace.self, false),
            ]
            for check in checks {
                let run = try await cluster.kubectl.run(check.arguments)
                #expect(run.status == 0, "\(run)")
                let lines = run.output.split(separator: "\n").map(String.init)
                let header = ObjectTable(columns: check.type.printerColumns, wide: check.wide, now: Date()).header
                #expect(lines.first.map(Self.cells) == header, "\(check.arguments)")
            }
            let wide = try await cluster.kubectl.run(["get", "pytorchjob", "llm-finetune", "-o", "wide"])
            let row = Self.cells(wide.output.split(separator: "\n").last.map(String.init) ?? "")
            // NAME STATE AGE QUEUE GPUS PROGRESS LOSS: no state yet, queue ai-training, 8 pods of 8 GPUs.
            #expect(row.first == "llm-finetune")
            #expect(Array(row.dropFirst(3)) == ["ai-training", "64", "<none>", "<none>"])
        }
    }

    @Test func getAsYAMLPrintsTheStoredObject() async throws {
        try await KubectlCluster.run { cluster in
            #expect(try await cluster.kubectl.run(["apply", "-f", try cluster.write("job.yaml", Self.job)]).status == 0)
            let run = try await cluster.kubectl.run(["get", "pytorchjob", "mnist", "-o", "yaml"])
            #expect(run.status == 0, "\(run)")
            let printed = try #require(try ManifestParser.parse(run.output, source: "kubectl").first?.value)
            let stored = try await cluster.server.object(of: PyTorchJob.resource, namespace: "default", name: "mnist")
            #expect(printed["kind"]?.stringValue == "PyTorchJob")
            #expect(printed["spec"] == stored["spec"])
            #expect(printed["metadata"]?["uid"] == stored["metadata"]?["uid"])
            #expect(printed["metadata"]?["resourceVersion"] == stored["metadata"]?["resourceVersion"])
        }
    }

    @Test func getWatchPrintsAStatusChangeAsItHappens() async throws {
        try await KubectlCluster.run { cluster in
            #expect(try await cluster.kubectl.run(["apply", "-f", try cluster.write("job.yaml", Self.job)]).status == 0)
            // -v=6: kubectl logs each response as it arrives, the watch's too.
            let watch = try cluster.kubectl.start(["get", "pytorchjob", "mnist", "--watch", "-v=6"])
            defer { watch.killHard() }
            let first = await watch.firstLine { $0.hasPrefix("mnist ") }
            #expect(first.map(Self.cells)?.dropFirst().first == "<none>", "\(watch.errorText)")
            // kubectl skips the watch's first event (the object it printed), so the status
            // changes only once the server is watching: a change before would be that first event.
            let watching = await watch.firstErrorLine { $0.contains("watch=true") && $0.contains("200 OK") }
            try #require(watching != nil, "\(watch.errorText)")
            var job = try await cluster.server.get(PyTorchJob.self, name: "mnist")
            job.status = JobStatusKubeflow(conditions: [
                JobConditionKubeflow(type: "Created", status: "True"), JobConditionKubeflow(type: "Running", status: "True"),
            ])
            // Counted before the change: its line can arrive before updateStatus returns.
            let printedBefore = watch.lines.count
            _ = try await cluster.server.updateStatus(job)
            let changed = await watch.firstLine(after: printedBefore) { $0.hasPrefix("mnist ") }
            #expect(changed.map(Self.cells)?.dropFirst().first == "Running", "\(watch.lines) \(watch.errorText)")
            watch.killHard()
            await watch.waitForExit()
        }
    }

    @Test func describeShowsTheObjectAndItsEvents() async throws {
        try await KubectlCluster.run { cluster in
            #expect(try await cluster.kubectl.run(["apply", "-f", try cluster.write("job.yaml", Self.job)]).status == 0)
            let job = try await cluster.server.get(PyTorchJob.self, name: "mnist")
            var event = Event(
                metadata: ObjectMeta(name: "mnist.1", namespace: "default"),
                involvedObject: ObjectReference(
                    kind: "PyTorchJob", namespace: "default", name: "mnist", uid: job.metadata.uid, apiVersion: "kubeflow.org/v1"),
                reason: "SuccessfulCreatePod", message: "Created pod: mnist-master-0", type: "Normal")
            event.count = 1
            event.firstTimestamp = Timestamp(cluster.server.currentTime())
            event.lastTimestamp = event.firstTimestamp
            event.source = EventSource(component: "pytorchjob-controller")
            _ = try await cluster.server.create(event)
            let run = try await cluster.kubectl.run(["describe", "pytorchjob", "mnist"])
            #expect(run.status == 0, "\(run)")
            let lines = run.output.split(separator: "\n").map(String.init)
            #expect(lines.contains { Self.cells($0) == ["Name:", "mnist"] })
            #expect(lines.contains { Self.cells($0) == ["Kind:", "PyTorchJob"] })
            #expect(lines.contains { Self.cells($0) == ["Queue:", "research"] }, "the spec is shown")
            let events = try #require(lines.firstIndex { $0.hasPrefix("Events:") }, "\(run.output)")
            let row = Self.cells(lines[(events + 1)...].first { $0.contains("SuccessfulCreatePod") } ?? "")
            // Type, Reason, Age, From, Message.
            #expect(row.count == 5, "\(run.output)")
            #expect(row.enumerated().filter { $0.offset != 2 }.map(\.element)
                == ["Normal", "SuccessfulCreatePod", "pytorchjob-controller", "Created pod: mnist-master-0"])
        }
    }

    @Test func deleteRemovesTheObject() async throws {
        try await KubectlCluster.run { cluster in
            let path = Self.root.appendingPathComponent("examples/volcano-queues/queues.yaml").path
            #expect(try await cluster.kubectl.run(["apply", "-f", path]).status == 0)
            let names = try await cluster.server.list(Queue.self).items.map(\.name)
            #expect(names.count >= 2)
            let run = try await cluster.kubectl.run(["delete", "queue", names[0]])
            #expect(run.status == 0, "\(run)")
            #expect(run.output == "queue.scheduling.volcano.sh \"\(names[0])\" deleted")
            await #expect(throws: APIError.self) { try await cluster.server.get(Queue.self, name: names[0]) }
            let rest = try await cluster.kubectl.run(["delete", "-f", path, "--ignore-not-found"])
            #expect(rest.status == 0, "\(rest)")
            #expect(Set(rest.output.split(separator: "\n").map(String.init)) == Set(names.dropFirst().map { "queue.scheduling.volcano.sh \"\($0)\" deleted" }))
            #expect(try await cluster.server.list(Queue.self).items.isEmpty)
        }
    }

    @Test func apiResourcesListsEveryKindWithItsShortNamesAndGroup() async throws {
        try await KubectlCluster.run { cluster in
            let run = try await cluster.kubectl.run(["api-resources"])
            #expect(run.status == 0, "\(run)")
            let rows = run.output.split(separator: "\n").map { Self.cells(String($0)) }
            #expect(rows.first == ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"])
            for kind in KindRegistry.served.kinds {
                let resource = kind.resource
                let expected = [resource.plural] + (resource.shortNames.isEmpty ? [] : [resource.shortNames.joined(separator: ",")])
                    + [resource.apiVersion, String(resource.namespaced), resource.kind]
                #expect(rows.contains(expected), "no row \(expected)")
            }
            // `kubectl get all` shows the kinds whose discovery entries say they are in `all`.
            let all = try await cluster.kubectl.run(["api-resources", "--categories", "all", "-o", "name"])
            #expect(all.output.split(separator: "\n").map(String.init).sorted() == ["jobs.batch", "pods", "services"], "\(all)")
        }
    }

    @Test func explainPrintsOurFieldDocumentation() async throws {
        try await KubectlCluster.run { cluster in
            let spec = try await cluster.kubectl.run(["explain", "pytorchjob.spec"])
            #expect(spec.status == 0, "\(spec)")
            #expect(spec.output.hasPrefix("GROUP:      kubeflow.org\nKIND:       PyTorchJob\nVERSION:    v1\n\nFIELD: spec <PyTorchJobSpec>\n"))
            try Self.expectFields(of: "PyTorchJobSpec", in: spec.output)
            let replicas = try await cluster.kubectl.run(["explain", "pytorchjob.spec.pytorchReplicaSpecs"])
            #expect(replicas.status == 0, "\(replicas)")
            #expect(replicas.output.contains("FIELD: pytorchReplicaSpecs <map[string]ReplicaSpec>"))
            try Self.expectFields(of: "ReplicaSpec", in: replicas.output)
            let queue = try await cluster.kubectl.run(["explain", "queues.spec"])
            try Self.expectFields(of: "QueueSpec", in: queue.output)
            let missing = try await cluster.kubectl.run(["explain", "pytorchjob.spec.nope"])
            #expect(missing.status != 0)
            #expect(missing.errors.contains("field \"nope\" does not exist"))
        }
    }

    /// Each field of `typeName` is listed with the type `fermi explain` gives it, and its
    /// documentation follows (wrapped as kubectl wraps it).
    private static func expectFields(of typeName: String, in output: String) throws {
        let fields = try #require(APIDocs.types[typeName]?.fields)
        let flowing = output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for field in fields {
            let type = FieldType(field.type).kubectlName
            #expect(output.contains("\n  \(field.name)\t<\(type)>"), "\(typeName).\(field.name) <\(type)>: \(output)")
            if !field.doc.isEmpty {
                #expect(flowing.contains(field.doc.split(whereSeparator: \.isWhitespace).joined(separator: " ")), "\(typeName).\(field.name)")
            }
        }
    }

    @Test func serverSideApplyByASecondManagerConflictsUntilForced() async throws {
        try await KubectlCluster.run { cluster in
            let alice = try cluster.write("alice.yaml", Self.job)
            let bob = try cluster.write("bob.yaml", Self.job.replacingOccurrences(of: "replicas: 3", with: "replicas: 5"))
            let first = try await cluster.kubectl.run(["apply", "--server-side", "--field-manager", "alice", "-f", alice])
            #expect(first.status == 0, "\(first)")
            #expect(first.output == "pytorchjob.kubeflow.org/mnist serverside-applied")
            let refused = try await cluster.kubectl.run(["apply", "--server-side", "--field-manager", "bob", "-f", bob])
            #expect(refused.status != 0)
            #expect(refused.errors.contains("Apply failed with 1 conflict: conflict with \"alice\""), "\(refused)")
            #expect(refused.errors.contains(".spec.pytorchReplicaSpecs.Worker.replicas"), "\(refused)")
            #expect(refused.errors.contains("Please review the fields above--they currently have other managers."), "\(refused)")
            #expect(try await cluster.server.get(PyTorchJob.self, name: "mnist").spec.pytorchReplicaSpecs?["Worker"]?.replicas == 3)
            let forced = try await cluster.kubectl.run(["apply", "--server-side", "--field-manager", "bob", "--force-conflicts", "-f", bob])
            #expect(forced.status == 0, "\(forced)")
            let job = try await cluster.server.get(PyTorchJob.self, name: "mnist")
            #expect(job.spec.pytorchReplicaSpecs?["Worker"]?.replicas == 5)
            #expect(Set(job.metadata.managedFields?.map(\.manager) ?? []) == ["alice", "bob"])
        }
    }
}

/// The manifests of one example, applied in the order its README gives.
struct ExampleApplies: Sendable, CustomTestStringConvertible {
    var name: String
    /// Files and folders from the repository's root.
    var paths: [String]

    var testDescription: String { name }

    static let cluster = "manifests/cluster.yaml"

    static let all: [ExampleApplies] = [
        ExampleApplies(
            name: "chat-api",
            paths: [cluster, "examples/chat-api/inferenceservice.yaml", "examples/chat-api/canary.yaml", "examples/chat-api/promote.yaml"]),
        ExampleApplies(name: "data-scientist-day", paths: [cluster, "examples/data-scientist-day/instance.yaml"]),
        // The repository GitOps syncs, applied by hand in its dependency order.
        ExampleApplies(
            name: "gitops",
            paths: [
                cluster, "examples/gitops/gitrepository.yaml", "examples/gitops/platform/queues/", "examples/gitops/platform/training/",
                "examples/gitops/platform/serving/",
            ]),
        ExampleApplies(name: "imagenet-cache", paths: [cluster, "examples/imagenet-cache/dataset.yaml", "examples/imagenet-cache/train.yaml"]),
        ExampleApplies(name: "kueue-quotas", paths: [cluster, "examples/kueue-quotas/"]),
        ExampleApplies(name: "llm-finetune", paths: [cluster, "examples/llm-finetune/"]),
        ExampleApplies(name: "research-team", paths: ["examples/research-team/"]),
        ExampleApplies(name: "simulated-training", paths: [cluster, "examples/simulated-training/"]),
        ExampleApplies(name: "upstream-manifests", paths: ["examples/upstream-manifests/"]),
        ExampleApplies(name: "volcano-queues", paths: [cluster, "examples/volcano-queues/"]),
    ]

    /// The documents of a manifest file, or of every YAML file in a folder.
    static func documents(at url: URL) throws -> [JSONValue] {
        var isFolder: ObjCBool = false
        FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
        let files = isFolder.boolValue
            ? try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".yaml") }.sorted()
                .map { url.appendingPathComponent($0) }
            : [url]
        return try files.flatMap { file in
            try ManifestParser.parse(try String(contentsOf: file, encoding: .utf8), source: file.path).map(\.value)
        }
    }
}
