import Testing

@testable import FermiAPIServer

/// Which Accept headers ask for a Table, as kubectl's do.
@Suite("Accept header")
struct AcceptHeaderTests {
    @Test func aTableIsWhatKubectlAsksForByParameter() {
        #expect(KubernetesREST.asksForTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json"))
        #expect(KubernetesREST.asksForTable("application/json;g=meta.k8s.io;v=v1;as=Table"))
        #expect(!KubernetesREST.asksForTable("application/json"))
        #expect(!KubernetesREST.asksForTable(""))
        #expect(!KubernetesREST.asksForTable("application/json;as=Tabl"))
        #expect(!KubernetesREST.asksForTable("application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"))
    }
}
