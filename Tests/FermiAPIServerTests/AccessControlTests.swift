import FermiAPI
import FermiAPIServer
import FermiStore
import Foundation
import Testing

/// Authentication by bearer token and authorization by RBAC, through the REST API: who may
/// do what in which namespace.
@Suite("Access control")
struct AccessControlTests {
    let server = APIServer(store: MemoryStore(), registry: .served)
    let tokens = TokenFile(users: [
        "admin-token": UserInfo(name: "admin", groups: [UserInfo.Groups.masters]),
        "alice-token": UserInfo(name: "alice", groups: ["team-a-devs"]),
        "reader-token": UserInfo(name: "reader"),
    ])

    static let job = Data(
        #"{"apiVersion":"kubeflow.org/v1","kind":"PyTorchJob","metadata":{"name":"mnist"},"spec":{"pytorchReplicaSpecs":{"Master":{"replicas":1,"template":{"spec":{"containers":[{"name":"pytorch","image":"pytorch/pytorch:2.1"}]}}}}}}"#.utf8)

    /// Runs `body` against a REST API guarded by RBAC over `server`, with two team
    /// namespaces, alice's group bound to `edit` in team-a and reader bound to `view` there.
    private func withGuardedAPI(anonymous: Bool = false, _ body: (KubernetesREST) async throws -> Void) async throws {
        try await server.ensureDefaultNamespace()
        for name in ["team-a", "team-b"] { _ = try await server.create(Namespace(metadata: ObjectMeta(name: name))) }
        try await RBACBootstrap.ensure(on: server)
        _ = try await server.create(
            RoleBinding(
                metadata: ObjectMeta(name: "devs-edit", namespace: "team-a"),
                subjects: [RBACSubject(kind: "Group", apiGroup: RBACGroup.name, name: "team-a-devs")],
                roleRef: RoleRef(kind: "ClusterRole", name: "edit")))
        _ = try await server.create(
            RoleBinding(
                metadata: ObjectMeta(name: "reader-view", namespace: "team-a"),
                subjects: [RBACSubject(kind: "User", apiGroup: RBACGroup.name, name: "reader")],
                roleRef: RoleRef(kind: "ClusterRole", name: "view")))
        let cache = RBACPolicyCache(server: server)
        let access = AccessControl(tokens: tokens, allowAnonymous: anonymous, authorization: .rbac(cache))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await cache.run() }
            try await body(KubernetesREST(server: server, access: access))
            group.cancelAll()
        }
    }

    private func createJob(_ rest: KubernetesREST, in namespace: String, token: String?) async -> KubernetesREST.Response {
        await rest.handle(
            method: "POST", path: "/apis/kubeflow.org/v1/namespaces/\(namespace)/pytorchjobs", query: [:], accept: "", body: Self.job,
            authorization: token.map { "Bearer \($0)" })
    }

    @Test func aRequestWithoutATokenOrWithAWrongOneIsUnauthorized() async throws {
        try await withGuardedAPI { rest in
            let none = await rest.handle(method: "GET", path: "/api/v1/namespaces", query: [:], accept: "", body: Data())
            #expect(none.code == 401)
            let status = try JSONParser.parse(none.body)
            #expect(status["reason"]?.stringValue == "Unauthorized")
            let wrong = await rest.handle(method: "GET", path: "/api/v1/namespaces", query: [:], accept: "", body: Data(), authorization: "Bearer nope")
            #expect(wrong.code == 401)
            let admin = await rest.handle(method: "GET", path: "/api/v1/namespaces", query: [:], accept: "", body: Data(), authorization: "Bearer admin-token")
            #expect(admin.code == 200)
        }
    }

    @Test func aUserBoundInTeamACreatesJobsThereAndIsForbiddenInTeamB() async throws {
        try await withGuardedAPI { rest in
            #expect(await createJob(rest, in: "team-a", token: "alice-token").code == 201)
            let refused = await createJob(rest, in: "team-b", token: "alice-token")
            #expect(refused.code == 403)
            let status = try JSONParser.parse(refused.body)
            #expect(
                status["message"]?.stringValue
                    == #"pytorchjobs.kubeflow.org is forbidden: User "alice" cannot create resource "pytorchjobs" in API group "kubeflow.org" in the namespace "team-b""#)
            let everywhere = await rest.handle(
                method: "GET", path: "/apis/kubeflow.org/v1/pytorchjobs", query: [:], accept: "", body: Data(), authorization: "Bearer alice-token")
            #expect(everywhere.code == 403)
        }
    }

    @Test func aReadOnlyRoleReadsButCannotWrite() async throws {
        try await withGuardedAPI { rest in
            #expect(await createJob(rest, in: "team-a", token: "admin-token").code == 201)
            let path = "/apis/kubeflow.org/v1/namespaces/team-a/pytorchjobs/mnist"
            #expect(await rest.handle(method: "GET", path: path, query: [:], accept: "", body: Data(), authorization: "Bearer reader-token").code == 200)
            #expect(await rest.handle(method: "DELETE", path: path, query: [:], accept: "", body: Data(), authorization: "Bearer reader-token").code == 403)
            #expect(await createJob(rest, in: "team-a", token: "reader-token").code == 403)
            let secrets = await rest.handle(
                method: "GET", path: "/api/v1/namespaces/team-a/secrets", query: [:], accept: "", body: Data(), authorization: "Bearer reader-token")
            #expect(secrets.code == 403)
            #expect(await rest.handle(method: "GET", path: path, query: [:], accept: "", body: Data(), authorization: "Bearer admin-token").code == 200)
        }
    }

    @Test func anonymousRequestsGetOnlyWhatTheirGroupIsGranted() async throws {
        try await withGuardedAPI(anonymous: true) { rest in
            #expect(await rest.handle(method: "GET", path: "/healthz", query: [:], accept: "", body: Data()).code == 200)
            let listing = await rest.handle(method: "GET", path: "/api/v1/namespaces/team-a/pods", query: [:], accept: "", body: Data())
            #expect(listing.code == 403)
            let status = try JSONParser.parse(listing.body)
            #expect(status["message"]?.stringValue?.contains(#"User "system:anonymous" cannot list"#) == true)
        }
    }

    @Test func aBindingMadeWhileServingTakesEffect() async throws {
        try await withGuardedAPI { rest in
            #expect(await createJob(rest, in: "team-b", token: "alice-token").code == 403)
            let binding = Data(
                #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"alice-edit","namespace":"team-b"},"subjects":[{"kind":"User","name":"alice"}],"roleRef":{"kind":"ClusterRole","name":"edit"}}"#.utf8)
            let made = await rest.handle(
                method: "POST", path: "/apis/rbac.authorization.k8s.io/v1/namespaces/team-b/rolebindings", query: [:], accept: "", body: binding,
                authorization: "Bearer admin-token")
            #expect(made.code == 201)
            var answer = await createJob(rest, in: "team-b", token: "alice-token")
            // The cache follows the store's watch: wait for it to see the new binding.
            for _ in 0..<200 where answer.code == 403 {
                await Task.yield()
                answer = await createJob(rest, in: "team-b", token: "alice-token")
            }
            #expect(answer.code == 201)
        }
    }

    @Test func aTokenFileLineWithoutAUserIsAnErrorNamingItsLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString).csv").path
        try "# tokens\nt1,alice,1,\"a,b\"\n\nt2\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: TokenFile.ParseError.self) { try TokenFile(contentsOf: path) }
        do {
            _ = try TokenFile(contentsOf: path)
        } catch {
            #expect("\(error)" == "\(path):4: expected token,user,uid[,\"group1,group2\"]")
        }
        try "t1,alice,1,\"a,b\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let user = try #require(try TokenFile(contentsOf: path).user(forToken: "t1"))
        #expect(user.groups == ["a", "b", UserInfo.Groups.authenticated])
    }

    @Test func theBearerSchemeIsReadInAnyCaseAndBlanksAroundTheTokenAreIgnored() {
        let access = AccessControl(tokens: tokens, allowAnonymous: false, authorization: .alwaysAllow)
        for header in ["Bearer alice-token", "bearer alice-token", "BEARER  alice-token\t ", "Bearer \talice-token"] {
            #expect(access.user(authorization: header)?.name == "alice", "\(header)")
        }
        for header in ["Basic alice-token", "Bearer", "Bearer   ", "Bearers alice-token", "Bearer alice-token2", "Bearer alice token"] {
            #expect(access.user(authorization: header) == nil, "\(header)")
        }
    }
}
