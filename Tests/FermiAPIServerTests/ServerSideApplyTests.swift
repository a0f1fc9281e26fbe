import FermiAPI
import FermiAPIServer
import FermiStore
import Foundation
import Testing

/// Server-side apply and field ownership through the REST API: who set which field, apply
/// conflicts and forcing them, fields an apply stops setting, and delete preconditions.
@Suite("Server-side apply")
struct ServerSideApplyTests {
    let server = APIServer(store: MemoryStore(), registry: .served)
    let path = "/apis/scheduling.volcano.sh/v1beta1/queues/research"

    private func apply(_ yaml: String, manager: String, force: Bool = false, to target: String? = nil) async -> KubernetesREST.Response {
        var query = ["fieldManager": manager]
        if force { query["force"] = "true" }
        return await KubernetesREST(server: server).handle(
            method: "PATCH", path: target ?? path, query: query, accept: "", body: Data(yaml.utf8), contentType: "application/apply-patch+yaml")
    }

    private func stored() async throws -> JSONValue {
        try JSONParser.parse(await KubernetesREST(server: server).handle(method: "GET", path: path, query: [:], accept: "", body: Data()).body)
    }

    private static func queue(weight: Int, labels: String = "") -> String {
        """
        apiVersion: scheduling.volcano.sh/v1beta1
        kind: Queue
        metadata:
          name: research\(labels)
        spec:
          weight: \(weight)
        """
    }

    @Test func applyCreatesTheObjectAndRecordsItsManagersFields() async throws {
        let created = await apply(Self.queue(weight: 4), manager: "kubectl")
        #expect(created.code == 201)
        let object = try await stored()
        let entry = try #require(object["metadata"]?["managedFields"]?.arrayValue?.first)
        #expect(entry["manager"]?.stringValue == "kubectl")
        #expect(entry["operation"]?.stringValue == "Apply")
        #expect(entry["fieldsV1"] == .object(["f:spec": .object(["f:weight": .object([:])])]))
        #expect(await apply(Self.queue(weight: 4), manager: "kubectl").code == 200)
    }

    @Test func aFieldAnotherManagerSetIsAConflictUnlessForced() async throws {
        #expect(await apply(Self.queue(weight: 4), manager: "kubectl").code == 201)
        let refused = await apply(Self.queue(weight: 9), manager: "ci")
        #expect(refused.code == 409)
        let status = try JSONParser.parse(refused.body)
        #expect(status["message"]?.stringValue == #"Apply failed with 1 conflict: conflict with "kubectl" using scheduling.volcano.sh/v1beta1: .spec.weight"#)
        #expect(status["details"]?["causes"]?.arrayValue?.first?["field"]?.stringValue == ".spec.weight")
        #expect(try await stored()["spec"]?["weight"] == .integer(4))
        // The same value is no conflict: both own it.
        #expect(await apply(Self.queue(weight: 4), manager: "ci").code == 200)
        let forced = await apply(Self.queue(weight: 9), manager: "ci", force: true)
        #expect(forced.code == 200)
        let object = try await stored()
        #expect(object["spec"]?["weight"] == .integer(9))
        let managers = object["metadata"]?["managedFields"]?.arrayValue?.compactMap { $0["manager"]?.stringValue } ?? []
        #expect(managers == ["ci"])
    }

    @Test func anUpdateTakesTheFieldsItChangesAndAnApplyThenConflictsWithIt() async throws {
        #expect(await apply(Self.queue(weight: 4), manager: "kubectl").code == 201)
        let patched = await KubernetesREST(server: server).handle(
            method: "PATCH", path: path, query: ["fieldManager": "kubectl-edit"], accept: "", body: Data(#"{"spec":{"weight":6}}"#.utf8),
            contentType: "application/merge-patch+json")
        #expect(patched.code == 200)
        let refused = await apply(Self.queue(weight: 5), manager: "kubectl")
        #expect(refused.code == 409)
        #expect(try JSONParser.parse(refused.body)["message"]?.stringValue?.contains(#"conflict with "kubectl-edit""#) == true)
    }

    @Test func aFieldTheManagerNoLongerAppliesIsRemovedUnlessAnotherOwnsIt() async throws {
        #expect(await apply(Self.queue(weight: 4, labels: "\n  labels: {team: a, tier: gold}"), manager: "kubectl").code == 201)
        #expect(await apply(Self.queue(weight: 4, labels: "\n  labels: {team: a}"), manager: "kubectl").code == 200)
        let labels = try await stored()["metadata"]?["labels"]
        #expect(labels == .object(["team": .string("a")]))
        let patched = await KubernetesREST(server: server).handle(
            method: "PATCH", path: path, query: ["fieldManager": "ops"], accept: "", body: Data(#"{"metadata":{"labels":{"owner":"ops"}}}"#.utf8),
            contentType: "application/merge-patch+json")
        #expect(patched.code == 200)
        #expect(await apply(Self.queue(weight: 4), manager: "kubectl").code == 200)
        // kubectl's label goes with its configuration; the label ops set stays.
        #expect(try await stored()["metadata"]?["labels"] == .object(["owner": .string("ops")]))
    }

    @Test func managersApplyingTheSameListDoNotConflictOverWhatDefaultingAddedToIt() async throws {
        // The stored containers carry defaults (imagePullPolicy and more) that neither
        // configuration names: only the replicas, set to different values, conflict.
        try await server.ensureDefaultNamespace()
        let job = "/apis/kubeflow.org/v1/namespaces/default/pytorchjobs/mnist"
        let configuration = { (replicas: Int) in
            """
            apiVersion: kubeflow.org/v1
            kind: PyTorchJob
            metadata: {name: mnist}
            spec:
              pytorchReplicaSpecs:
                Worker:
                  replicas: \(replicas)
                  template:
                    spec:
                      containers: [{name: pytorch, image: "pytorch/pytorch:2.1"}]
            """
        }
        #expect(await apply(configuration(2), manager: "alice", to: job).code == 201)
        let refused = await apply(configuration(4), manager: "bob", to: job)
        #expect(refused.code == 409)
        #expect(try JSONParser.parse(refused.body)["message"]?.stringValue
            == #"Apply failed with 1 conflict: conflict with "alice" using kubeflow.org/v1: .spec.pytorchReplicaSpecs.Worker.replicas"#)
        #expect(await apply(configuration(2), manager: "bob", to: job).code == 200)
    }

    @Test func aDeleteWhosePreconditionFailsIsAConflictAndDeletesNothing() async throws {
        #expect(await apply(Self.queue(weight: 4), manager: "kubectl").code == 201)
        let rest = KubernetesREST(server: server)
        let wrong = await rest.handle(
            method: "DELETE", path: path, query: [:], accept: "", body: Data(#"{"preconditions":{"uid":"not-it"}}"#.utf8))
        #expect(wrong.code == 409)
        #expect(try JSONParser.parse(wrong.body)["message"]?.stringValue?.hasPrefix("Precondition failed: UID in precondition: not-it") == true)
        let uid = try #require(try await stored()["metadata"]?["uid"]?.stringValue)
        let right = await rest.handle(
            method: "DELETE", path: path, query: [:], accept: "", body: Data(#"{"preconditions":{"uid":"\#(uid)"},"propagationPolicy":"Foreground"}"#.utf8))
        #expect(right.code == 200)
    }
}
