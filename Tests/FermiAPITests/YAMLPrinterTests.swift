import FermiAPI
import Testing

/// Objects print as kubectl prints them with -o yaml, and read back the same.
@Suite("YAML printer")
struct YAMLPrinterTests {
    @Test func printsAsKubectlAndReadsBackTheSame() throws {
        let text = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              creationTimestamp: "2026-11-22T10:00:00Z"
              labels:
                shard: "3"
              name: settings
            data:
              enabled: "true"
              script: |
                echo one
                echo two
              zeros: "007"
            spec:
              ports:
              - name: http
                port: 80
              ratio: 0.5
            """
        let value = try ManifestParser.parse(text, source: "c.yaml")[0].value
        let printed = YAMLPrinter.render(value)
        #expect(printed.contains("  creationTimestamp: \"2026-11-22T10:00:00Z\"\n"))
        #expect(printed.contains("    shard: \"3\"\n"))
        #expect(printed.contains("  enabled: \"true\"\n"))
        #expect(printed.contains("  ports:\n  - name: http\n    port: 80\n"))
        #expect(printed.hasPrefix("apiVersion: v1\ndata:\n"))
        #expect(try ManifestParser.parse(printed, source: "again.yaml")[0].value == value)
    }
}
