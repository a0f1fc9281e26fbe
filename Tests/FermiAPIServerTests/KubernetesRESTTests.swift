import AsyncHTTPClient
import FermiAPI
import FermiAPIServer
import FermiRuntime
import FermiStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Testing

/// The Kubernetes REST API over the API layer: discovery, reads as objects, lists and Tables,
/// writes, and errors as Status objects; and the same over HTTP.
@Suite("Kubernetes REST")
struct KubernetesRESTTests {
    let server = APIServer(store: MemoryStore(), registry: .served)

    private func json(_ response: KubernetesREST.Response) throws -> JSONValue {
        try JSONParser.parse(response.body)
    }

    @Test func discoveryNamesEveryGroupAndEachResourceWithItsShortNames() async throws {
        let rest = KubernetesREST(server: server)
        let groups = try json(await rest.handle(method: "GET", path: "/apis", query: [:], accept: "", body: Data()))
        guard case .array(let list)? = groups["groups"] else { Issue.record("no groups"); return }
        #expect(list.contains { $0["name"]?.stringValue == "scheduling.volcano.sh" })
        let volcano = try json(await rest.handle(method: "GET", path: "/apis/scheduling.volcano.sh/v1beta1", query: [:], accept: "", body: Data()))
        guard case .array(let resources)? = volcano["resources"] else { Issue.record("no resources"); return }
        let queues = try #require(resources.first { $0["name"]?.stringValue == "queues" })
        #expect(queues["kind"]?.stringValue == "Queue")
        #expect(queues["namespaced"] == .bool(false))
        #expect(resources.contains { $0["name"]?.stringValue == "queues/status" })
    }

    @Test func objectsAreCreatedReadListedAsTablesAndDeletedWithErrorsAsStatusObjects() async throws {
        let rest = KubernetesREST(server: server)
        let queue = Data(#"{"apiVersion":"scheduling.volcano.sh/v1beta1","kind":"Queue","metadata":{"name":"research"},"spec":{"weight":4}}"#.utf8)
        let created = await rest.handle(method: "POST", path: "/apis/scheduling.volcano.sh/v1beta1/queues", query: [:], accept: "", body: queue)
        #expect(created.code == 201)
        let again = await rest.handle(method: "POST", path: "/apis/scheduling.volcano.sh/v1beta1/queues", query: [:], accept: "", body: queue)
        #expect(again.code == 409)
        #expect(try json(again)["reason"]?.stringValue == "AlreadyExists")
        let one = try json(await rest.handle(method: "GET", path: "/apis/scheduling.volcano.sh/v1beta1/queues/research", query: [:], accept: "", body: Data()))
        #expect(one["spec"]?["weight"] == .integer(4))
        let table = try json(
            await rest.handle(
                method: "GET", path: "/apis/scheduling.volcano.sh/v1beta1/queues", query: [:],
                accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json", body: Data()))
        #expect(table["kind"]?.stringValue == "Table")
        guard case .array(let columns)? = table["columnDefinitions"], case .array(let rows)? = table["rows"] else {
            Issue.record("not a table"); return
        }
        #expect(columns.first?["name"]?.stringValue == "Name")
        #expect(columns.contains { $0["name"]?.stringValue?.uppercased() == "WEIGHT" })
        #expect(rows.count == 1)
        let invalid = await rest.handle(
            method: "POST", path: "/apis/scheduling.volcano.sh/v1beta1/queues", query: [:], accept: "",
            body: Data(#"{"apiVersion":"scheduling.volcano.sh/v1beta1","kind":"Queue","metadata":{"name":"bad"},"spec":{"weight":-1}}"#.utf8))
        #expect(invalid.code == 422)
        #expect(try json(invalid)["details"]?["causes"].map { "\($0)" }?.contains("spec.weight") == true)
        let deleted = await rest.handle(method: "DELETE", path: "/apis/scheduling.volcano.sh/v1beta1/queues/research", query: [:], accept: "", body: Data())
        #expect(deleted.code == 200)
        let missing = await rest.handle(method: "GET", path: "/apis/scheduling.volcano.sh/v1beta1/queues/research", query: [:], accept: "", body: Data())
        #expect(missing.code == 404)
        #expect(try json(missing)["message"]?.stringValue == "queues.scheduling.volcano.sh \"research\" not found")
    }

    @Test func aWatchStreamsChangesAndAMergePatchChangesTheObject() async throws {
        let rest = KubernetesREST(server: server)
        let queue = Data(#"{"apiVersion":"scheduling.volcano.sh/v1beta1","kind":"Queue","metadata":{"name":"research"},"spec":{"weight":4}}"#.utf8)
        _ = await rest.handle(method: "POST", path: "/apis/scheduling.volcano.sh/v1beta1/queues", query: [:], accept: "", body: queue)
        let watch = await rest.handle(method: "GET", path: "/apis/scheduling.volcano.sh/v1beta1/queues", query: ["watch": "true"], accept: "", body: Data())
        let stream = try #require(watch.stream)
        let patched = await rest.handle(
            method: "PATCH", path: "/apis/scheduling.volcano.sh/v1beta1/queues/research", query: [:], accept: "",
            body: Data(#"{"spec":{"weight":7}}"#.utf8), contentType: "application/merge-patch+json")
        #expect(patched.code == 200)
        #expect(try json(patched)["spec"]?["weight"] == .integer(7))
        var lines = stream.makeAsyncIterator()
        // Watched from no resourceVersion: the queue as it was comes first, as kube-apiserver sends it.
        let initial = try JSONParser.parse(try #require(try await lines.next()))
        #expect(initial["type"]?.stringValue == "ADDED")
        #expect(initial["object"]?["spec"]?["weight"] == .integer(4))
        let event = try JSONParser.parse(try #require(try await lines.next()))
        #expect(event["type"]?.stringValue == "MODIFIED")
        #expect(event["object"]?["spec"]?["weight"] == .integer(7))
        let jsonPatched = await rest.handle(
            method: "PATCH", path: "/apis/scheduling.volcano.sh/v1beta1/queues/research", query: [:], accept: "",
            body: Data(#"[{"op":"test","path":"/spec/weight","value":7},{"op":"replace","path":"/spec/weight","value":9},{"op":"add","path":"/metadata/labels","value":{"team":"a"}}]"#.utf8),
            contentType: "application/json-patch+json")
        #expect(jsonPatched.code == 200)
        #expect(try json(jsonPatched)["spec"]?["weight"] == .integer(9))
        #expect(try json(jsonPatched)["metadata"]?["labels"]?["team"]?.stringValue == "a")
        let failedTest = await rest.handle(
            method: "PATCH", path: "/apis/scheduling.volcano.sh/v1beta1/queues/research", query: [:], accept: "",
            body: Data(#"[{"op":"test","path":"/spec/weight","value":1},{"op":"replace","path":"/spec/weight","value":2}]"#.utf8),
            contentType: "application/json-patch+json")
        #expect(failedTest.code == 422)
        #expect(try json(await rest.handle(method: "GET", path: "/apis/scheduling.volcano.sh/v1beta1/queues/research", query: [:], accept: "", body: Data()))["spec"]?["weight"] == .integer(9))
        let unsupported = await rest.handle(
            method: "PATCH", path: "/apis/scheduling.volcano.sh/v1beta1/queues/research", query: [:], accept: "",
            body: Data("{}".utf8), contentType: "application/xml")
        #expect(unsupported.code == 415)
    }

    @Test func aWatchWithTimeoutSecondsEndsCleanlyWhenItsTimeIsUp() async throws {
        let clock = ManualClock()
        let rest = KubernetesREST(server: server, clock: clock)
        let path = "/apis/scheduling.volcano.sh/v1beta1/queues"
        let queue = #"{"apiVersion":"scheduling.volcano.sh/v1beta1","kind":"Queue","metadata":{"name":"research"}}"#
        _ = await rest.handle(method: "POST", path: path, query: [:], accept: "", body: Data(queue.utf8))
        let watch = await rest.handle(method: "GET", path: path, query: ["watch": "true", "timeoutSeconds": "30"], accept: "", body: Data())
        var lines = try #require(watch.stream).makeAsyncIterator()
        #expect(try JSONParser.parse(try #require(try await lines.next()))["type"]?.stringValue == "ADDED")
        // A second before the timeout the watch is still open: a change made now arrives.
        clock.advance(by: .seconds(29))
        _ = await rest.handle(
            method: "PATCH", path: "\(path)/research", query: [:], accept: "", body: Data(#"{"spec":{"weight":2}}"#.utf8),
            contentType: "application/merge-patch+json")
        #expect(try JSONParser.parse(try #require(try await lines.next()))["type"]?.stringValue == "MODIFIED")
        clock.advance(by: .seconds(1))
        #expect(try await lines.next() == nil, "the watch ended when its time was up")
        let malformed = await rest.handle(method: "GET", path: path, query: ["watch": "true", "timeoutSeconds": "soon"], accept: "", body: Data())
        #expect(malformed.code == 400)
    }

    @Test func aWatchCanStartWithTheObjectsThereAreEndedByABookmarkAndFilterByLabel() async throws {
        let rest = KubernetesREST(server: server)
        for (name, team) in [("research", "a"), ("serving", "b")] {
            let queue = #"{"apiVersion":"scheduling.volcano.sh/v1beta1","kind":"Queue","metadata":{"name":"\#(name)","labels":{"team":"\#(team)"}}}"#
            _ = await rest.handle(method: "POST", path: "/apis/scheduling.volcano.sh/v1beta1/queues", query: [:], accept: "", body: Data(queue.utf8))
        }
        let watch = await rest.handle(
            method: "GET", path: "/apis/scheduling.volcano.sh/v1beta1/queues",
            query: ["watch": "true", "sendInitialEvents": "true", "allowWatchBookmarks": "true", "labelSelector": "team=a"], accept: "", body: Data())
        var lines = try #require(watch.stream).makeAsyncIterator()
        let first = try JSONParser.parse(try #require(try await lines.next()))
        #expect(first["type"]?.stringValue == "ADDED")
        #expect(first["object"]?["metadata"]?["name"]?.stringValue == "research")
        let end = try JSONParser.parse(try #require(try await lines.next()))
        #expect(end["type"]?.stringValue == "BOOKMARK")
        #expect(end["object"]?["metadata"]?["annotations"]?["k8s.io/initial-events-end"]?.stringValue == "true")
        for (name, weight) in [("serving", 3), ("research", 5)] {
            _ = await rest.handle(
                method: "PATCH", path: "/apis/scheduling.volcano.sh/v1beta1/queues/\(name)", query: [:], accept: "",
                body: Data(#"{"spec":{"weight":\#(weight)}}"#.utf8), contentType: "application/merge-patch+json")
        }
        let change = try JSONParser.parse(try #require(try await lines.next()))
        #expect(change["type"]?.stringValue == "MODIFIED")
        #expect(change["object"]?["metadata"]?["name"]?.stringValue == "research")
    }

    @Test func theSameIsServedOverHTTP() async throws {
        let port = PortWaiter()
        let application = try HTTPFront.application(server: server, host: "127.0.0.1", port: 0) { bound in await port.set(bound) }
        try await withHTTPClient { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await application.runService() }
                let bound = await port.value()
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(bound)/api/v1/namespaces")
                request.method = .GET
                // A limit for a server that never answers, not a latency target: a loaded
                // two-core CI machine can take seconds.
                let response = try await client.execute(request, timeout: .seconds(60))
                #expect(response.status.code == 200)
                let body = try await response.body.collect(upTo: 1 << 20)
                #expect(String(buffer: body).contains("\"kind\":\"NamespaceList\""))
                group.cancelAll()
            }
        }
    }

    @Test func aQuietWatchEndsWhenTheServerShutsDownGracefully() async throws {
        try await server.ensureDefaultNamespace()
        let port = PortWaiter()
        let application = try HTTPFront.application(server: server, host: "127.0.0.1", port: 0) { bound in await port.set(bound) }
        let services = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: Logger(label: "test")))
        try await withHTTPClient { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await services.run() }
                let request = HTTPClientRequest(url: "http://127.0.0.1:\(await port.value())/api/v1/namespaces?watch=true")
                let response = try await client.execute(request, timeout: .seconds(60))
                var lines = response.body.makeAsyncIterator()
                // The namespace there is comes first: the watch is open, and nothing more will come.
                #expect(try await lines.next().map { String(buffer: $0) }?.contains("\"ADDED\"") == true)
                await services.triggerGracefulShutdown()
                // A guard against a shutdown that never ends, never a wait for a result.
                group.addTask {
                    try await Task.sleep(for: .seconds(60))
                    Issue.record("the server was still shutting down a minute later")
                    throw CancellationError()
                }
                try await group.next()
                group.cancelAll()
                #expect(try await lines.next() == nil, "the watch's response ended")
            }
        }
    }

    /// Runs `body` with an HTTP client that is shut down however `body` ends: a client left
    /// running fails AsyncHTTPClient's deinit check, which ends the whole test process.
    private func withHTTPClient(_ body: (HTTPClient) async throws -> Void) async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await body(client)
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}

/// The port the test server got, once it is listening.
actor PortWaiter {
    private var port: Int?
    private var waiting: [CheckedContinuation<Int, Never>] = []

    func set(_ port: Int) {
        self.port = port
        for continuation in waiting { continuation.resume(returning: port) }
        waiting = []
    }

    func value() async -> Int {
        if let port { return port }
        return await withCheckedContinuation { waiting.append($0) }
    }
}

/// DELETE on a collection: what the selectors match goes, the rest stays.
@Suite("Kubernetes REST delete collection")
struct DeleteCollectionTests {
    let server = APIServer(store: MemoryStore(), registry: .served)

    @Test func deleteCollectionDeletesWhatTheSelectorMatchesInTheNamespace() async throws {
        try await server.ensureDefaultNamespace()
        _ = try await server.create(Namespace(metadata: ObjectMeta(name: "other")))
        for (name, namespace, app) in [("a1", "default", "a"), ("a2", "default", "a"), ("b1", "default", "b"), ("a3", "other", "a")] {
            _ = try await server.create(ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: ["app": app]), data: ["k": "v"]))
        }
        let rest = KubernetesREST(server: server)
        let answer = await rest.handle(
            method: "DELETE", path: "/api/v1/namespaces/default/configmaps", query: ["labelSelector": "app=a"], accept: "", body: Data())
        #expect(answer.code == 200)
        let list = try JSONParser.parse(answer.body)
        #expect(list["kind"]?.stringValue == "ConfigMapList")
        #expect(list["items"]?.arrayValue?.compactMap { $0["metadata"]?["name"]?.stringValue }.sorted() == ["a1", "a2"])
        let left = try await server.list(ConfigMap.self, namespace: nil).items.map { "\($0.namespace)/\($0.name)" }.sorted()
        #expect(left == ["default/b1", "other/a3"])

        let bad = await rest.handle(
            method: "DELETE", path: "/api/v1/namespaces/default/configmaps", query: ["labelSelector": "app in (a"], accept: "", body: Data())
        #expect(bad.code == 400)
        #expect(try await server.list(ConfigMap.self, namespace: nil).items.count == 2)
    }
}
