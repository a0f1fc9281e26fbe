import FermiAPI
import Testing

/// Names, label keys and values follow Kubernetes' rules with its own messages.
@Suite("Name rules")
struct NameRulesTests {
    @Test(arguments: ["a", "my-job", "123-abc", String(repeating: "a", count: 63)])
    func validLabels(name: String) {
        #expect(NameRules.dns1123Label(name).isEmpty)
    }

    @Test(arguments: ["", "-a", "a-", "My", "a_b", "a.b", String(repeating: "a", count: 64)])
    func invalidLabels(name: String) {
        #expect(!NameRules.dns1123Label(name).isEmpty)
    }

    @Test func dns1035NeedsALeadingLetter() {
        #expect(NameRules.dns1035Label("1job").count == 1)
        #expect(NameRules.dns1035Label("job1").isEmpty)
    }

    @Test func subdomainsAllowDots() {
        #expect(NameRules.dns1123Subdomain("a.b-c.d").isEmpty)
        #expect(!NameRules.dns1123Subdomain("a..b").isEmpty)
        #expect(!NameRules.dns1123Subdomain(".a").isEmpty)
    }

    @Test func pathSegmentsRejectTraversal() {
        #expect(NameRules.pathSegment("..") == ["may not be '..'"])
        #expect(NameRules.pathSegment("a/b") == ["may not contain '/'"])
        #expect(NameRules.pathSegment("a/b%") == ["may not contain '/'", "may not contain '%'"])
        #expect(NameRules.pathSegment("ok").isEmpty)
    }

    @Test func qualifiedNamesTakeAPrefix() {
        #expect(NameRules.qualifiedName("kueue.x-k8s.io/queue-name").isEmpty)
        #expect(NameRules.qualifiedName("app").isEmpty)
        #expect(NameRules.qualifiedName("/app") == ["prefix part must be non-empty"])
        #expect(!NameRules.qualifiedName("a/b/c").isEmpty)
        #expect(NameRules.qualifiedName("example.com/") == ["name part must be non-empty"])
        #expect(NameRules.qualifiedName("Example.com/x").first?.hasPrefix("prefix part a lowercase RFC 1123 subdomain") == true)
        #expect(NameRules.qualifiedName("example.com/-x").first?.hasPrefix("name part must consist") == true)
        #expect(NameRules.labelValue("").isEmpty)
        #expect(!NameRules.labelValue("-x").isEmpty)
    }
}
