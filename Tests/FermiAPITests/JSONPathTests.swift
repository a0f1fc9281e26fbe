import FermiAPI
import Foundation
import Testing

/// kubectl's JSONPath templates, as `-o jsonpath`, custom columns and `--sort-by` use them.
@Suite("JSONPath")
struct JSONPathTests {
    /// A list of two pods, one Ready, as `fermi get pods -o json` prints it.
    static let list: JSONValue = try! JSONParser.parse(
        Data(
            """
            {"kind": "List", "items": [
              {"metadata": {"name": "a", "labels": {"app.kubernetes.io/name": "web"}},
               "spec": {"containers": [{"name": "x", "image": "nginx"}, {"name": "y", "image": "redis"}]},
               "status": {"phase": "Running", "conditions": [{"type": "PodScheduled", "status": "True"},
                                                              {"type": "Ready", "status": "True"}]}},
              {"metadata": {"name": "b"},
               "spec": {"containers": [{"name": "z", "image": "busybox"}], "priority": 7},
               "status": {"phase": "Pending", "conditions": [{"type": "Ready", "status": "False"}]}}
            ]}
            """.utf8))

    @Test func fieldsWildcardsAndIndexesSelectValues() throws {
        #expect(try JSONPath("{.items[*].metadata.name}").render(Self.list) == "a b")
        #expect(try JSONPath("{.items[0].spec.containers[*].image}").render(Self.list) == "nginx redis")
        #expect(try JSONPath("{.items[-1].metadata.name}").render(Self.list) == "b")
        #expect(try JSONPath("{.items[0].status.conditions[-1:].type}").render(Self.list) == "Ready")
        #expect(try JSONPath("{.items[0:1].metadata.name}").render(Self.list) == "a")
        #expect(try JSONPath("{.items[1].spec.priority}").render(Self.list) == "7")
        #expect(try JSONPath("{.items[9].metadata.name}").render(Self.list) == "")
    }

    @Test func escapedDotsAndBracketNamesReachLabelKeys() throws {
        #expect(try JSONPath(#"{.items[0].metadata.labels.app\.kubernetes\.io/name}"#).render(Self.list) == "web")
        #expect(try JSONPath("{.items[0].metadata.labels['app.kubernetes.io/name']}").render(Self.list) == "web")
    }

    @Test func filtersPickElementsByField() throws {
        let ready = try JSONPath(#"{.items[*].status.conditions[?(@.type=="Ready")].status}"#)
        #expect(ready.render(Self.list) == "True False")
        let running = try JSONPath("{.items[?(@.status.phase=='Running')].metadata.name}")
        #expect(running.render(Self.list) == "a")
        let prioritized = try JSONPath("{.items[?(@.spec.priority > 5)].metadata.name}")
        #expect(prioritized.render(Self.list) == "b")
        #expect(try JSONPath("{.items[?(@.spec.priority)].metadata.name}").render(Self.list) == "b")
    }

    @Test func rangeRepeatsItsBodyAndLiteralsKeepEscapes() throws {
        let template = try JSONPath(#"{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}"#)
        #expect(template.render(Self.list) == "a\tRunning\nb\tPending\n")
        #expect(try JSONPath("name={.items[0].metadata.name}!").render(Self.list) == "name=a!")
    }

    @Test func recursiveDescentFindsEveryMatch() throws {
        #expect(try JSONPath("{..image}").render(Self.list) == "nginx redis busybox")
    }

    @Test func objectsPrintAsCompactJSONWithSortedKeys() throws {
        #expect(
            try JSONPath("{.items[1].status.conditions[0]}").render(Self.list) == #"{"status":"False","type":"Ready"}"#)
    }

    @Test func aBarePathIsReadAsOneAction() throws {
        #expect(try JSONPath(".items[1].metadata.name").render(Self.list) == "b")
    }

    @Test func malformedTemplatesAreErrors() {
        #expect(throws: JSONPathError.self) { try JSONPath("{.items[0}") }
        #expect(throws: JSONPathError.self) { try JSONPath("{range .items[*]}{.a}") }
        #expect(throws: JSONPathError.self) { try JSONPath("{end}") }
        #expect(throws: JSONPathError.self) { try JSONPath("{.items") }
        #expect(throws: JSONPathError.self) { try JSONPath("{.items[x]}") }
    }

    @Test func valuesSortNumbersByValueAndQuantitiesByAmount() {
        #expect(JSONValueOrder.compare(.integer(9), .integer(10)) < 0)
        #expect(JSONValueOrder.compare(.string("512Mi"), .string("1Gi")) < 0)
        #expect(JSONValueOrder.compare(.string("beta"), .string("alpha")) > 0)
        #expect(JSONValueOrder.compare(nil, .string("a")) < 0)
        #expect(JSONValueOrder.compare(.bool(false), .bool(true)) < 0)
    }
}
