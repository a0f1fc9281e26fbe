import FermiAPI
import FermiAPIServer
import FermiRuntimeTestSupport
import FermiStore
import Foundation
import Testing

/// `/metrics`: the API server's requests by verb and code, their latency, the watches open
/// now, and who may read them.
@Suite("API metrics")
struct APIMetricsTests {
    let server = APIServer(store: MemoryStore(), registry: .served)
    let metrics = ServerMetrics()

    static let job = Data(
        #"{"apiVersion":"kubeflow.org/v1","kind":"PyTorchJob","metadata":{"name":"mnist"},"spec":{"pytorchReplicaSpecs":{"Master":{"replicas":1,"template":{"spec":{"containers":[{"name":"pytorch","image":"pytorch/pytorch:2.1"}]}}}}}}"#.utf8)
    static let jobs = "/apis/kubeflow.org/v1/namespaces/default/pytorchjobs"

    private func scrape(_ rest: KubernetesREST, token: String? = nil) async -> (code: Int, samples: PrometheusSamples) {
        let answer = await rest.handle(
            method: "GET", path: "/metrics", query: [:], accept: "", body: Data(), authorization: token.map { "Bearer \($0)" })
        return (answer.code, PrometheusSamples(String(decoding: answer.body, as: UTF8.self)))
    }

    @Test func requestsAreCountedByVerbResourceAndCodeWithTheirLatency() async throws {
        try await server.ensureDefaultNamespace()
        let rest = KubernetesREST(server: server, metrics: metrics)
        #expect(await rest.handle(method: "POST", path: Self.jobs, query: [:], accept: "", body: Self.job).code == 201)
        #expect(await rest.handle(method: "POST", path: Self.jobs, query: [:], accept: "", body: Self.job).code == 409)
        #expect(await rest.handle(method: "GET", path: Self.jobs + "/mnist", query: [:], accept: "", body: Data()).code == 200)
        #expect(await rest.handle(method: "GET", path: Self.jobs + "/absent", query: [:], accept: "", body: Data()).code == 404)
        #expect(await rest.handle(method: "GET", path: Self.jobs, query: [:], accept: "", body: Data()).code == 200)

        let (code, samples) = await scrape(rest)
        #expect(code == 200)
        let job = ["group": "kubeflow.org", "resource": "pytorchjobs"]
        #expect(samples.value("apiserver_request_total", job.merging(["verb": "POST", "code": "201"]) { $1 }) == 1)
        #expect(samples.value("apiserver_request_total", job.merging(["verb": "POST", "code": "409"]) { $1 }) == 1)
        #expect(samples.value("apiserver_request_total", job.merging(["verb": "GET", "code": "200"]) { $1 }) == 1)
        #expect(samples.value("apiserver_request_total", job.merging(["verb": "GET", "code": "404"]) { $1 }) == 1)
        #expect(samples.value("apiserver_request_total", job.merging(["verb": "LIST", "code": "200"]) { $1 }) == 1)
        #expect(samples.value("apiserver_request_duration_seconds_count", job.merging(["verb": "POST"]) { $1 }) == 2)
        // Every request took under a minute: all of them are in the last finite bucket.
        #expect(samples.value("apiserver_request_duration_seconds_bucket", job.merging(["verb": "GET", "le": "60.0"]) { $1 }) == 2)
    }

    @Test func aWatchIsCountedWhileItIsOpen() async throws {
        try await server.ensureDefaultNamespace()
        let rest = KubernetesREST(server: server, metrics: metrics)
        let watching = await rest.handle(method: "GET", path: Self.jobs, query: ["watch": "true"], accept: "", body: Data())
        let stream = try #require(watching.stream)
        let open = ["verb": "WATCH", "resource": "pytorchjobs"]
        #expect(await scrape(rest).samples.value("apiserver_longrunning_requests", open) == 1)

        // The watch sees the create; then its client goes away.
        let (seen, seeing) = AsyncStream.makeStream(of: String.self)
        let reading = Task {
            for try await line in stream { seeing.yield(String(decoding: line, as: UTF8.self)) }
        }
        #expect(await rest.handle(method: "POST", path: Self.jobs, query: [:], accept: "", body: Self.job).code == 201)
        var lines = seen.makeAsyncIterator()
        #expect(await lines.next()?.contains("\"ADDED\"") == true)
        reading.cancel()
        _ = await reading.result
        let after = await scrape(rest).samples
        #expect(after.value("apiserver_longrunning_requests", open) == 0)
        #expect(after.value("apiserver_request_total", ["verb": "WATCH", "code": "200"]) == 1)
        // A watch lasts as long as its client wants: it has no latency, as upstream.
        #expect(after.value("apiserver_request_duration_seconds_count", ["verb": "WATCH"]) == nil)
    }

    @Test func metricsAreForAdminsAndTheMonitoringGroup() async throws {
        try await server.ensureDefaultNamespace()
        try await RBACBootstrap.ensure(on: server)
        let tokens = TokenFile(users: [
            "admin-token": UserInfo(name: "admin", groups: [UserInfo.Groups.masters]),
            "prometheus-token": UserInfo(name: "prometheus", groups: ["system:monitoring"]),
            "alice-token": UserInfo(name: "alice"),
        ])
        let cache = RBACPolicyCache(server: server)
        let rest = KubernetesREST(
            server: server, access: AccessControl(tokens: tokens, allowAnonymous: false, authorization: .rbac(cache)), metrics: metrics)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await cache.run() }
            #expect(await scrape(rest).code == 401)
            #expect(await scrape(rest, token: "alice-token").code == 403)
            #expect(await scrape(rest, token: "prometheus-token").code == 200)
            let (code, samples) = await scrape(rest, token: "admin-token")
            #expect(code == 200)
            // Refusals are counted too, as what they were asked for.
            #expect(samples.value("apiserver_request_total", ["verb": "GET", "resource": "", "code": "403"]) == 1)
            #expect(samples.value("apiserver_request_total", ["verb": "GET", "resource": "", "code": "401"]) == 1)
            group.cancelAll()
        }
    }
}
