import FermiAPI
import Foundation
import Testing

/// `describe` lays objects out as kubectl describes custom resources, ending with Events.
@Suite("Object description")
struct ObjectDescriptionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func fieldsAreTitleCasedAndAlignedPerBlock() throws {
        let queue = try ManifestParser.parse(
            """
            apiVersion: scheduling.volcano.sh/v1beta1
            kind: Queue
            metadata:
              name: research
              uid: abc
              labels: {team: nlp, tier: gpu}
            spec:
              weight: 4
              capability: {nvidia.com/gpu: 16}
            """, source: "q.yaml")[0].value
        let text = ObjectDescription.render(queue, events: [], now: now)
        #expect(
            text == """
                Name:         research
                Namespace:    
                Labels:       team=nlp
                              tier=gpu
                Annotations:  <none>
                API Version:  scheduling.volcano.sh/v1beta1
                Kind:         Queue
                Metadata:
                  UID:  abc
                Spec:
                  Capability:
                    nvidia.com/gpu:  16
                  Weight:            4
                Events:  <none>

                """)
    }

    @Test func listsOfMapsAreLaidOutAsKubectlLaysOutConditions() throws {
        let workload = try ManifestParser.parse(
            """
            apiVersion: kueue.x-k8s.io/v1beta1
            kind: Workload
            metadata: {name: job-eval}
            status:
              conditions:
              - {type: QuotaReserved, status: "False", reason: Pending, message: waiting}
              admission:
                podSetAssignments:
                - name: main
                  resourceUsage: {nvidia.com/gpu: 8}
            """, source: "w.yaml")[0].value
        let text = ObjectDescription.render(workload, events: [], now: now)
        #expect(
            text.contains(
                """
                Status:
                  Admission:
                    Pod Set Assignments:
                      Name:  main
                      Resource Usage:
                        nvidia.com/gpu:  8
                  Conditions:
                    Message:  waiting
                    Reason:   Pending
                    Status:   False
                    Type:     QuotaReserved

                """))
    }

    @Test func aRunOfCapitalsStaysOneWordInALabel() {
        let object: JSONValue = .object([
            "kind": .string("Model"), "metadata": .object(["name": .string("m")]),
            "status": .object(["sourceJobUID": .string("abc"), "latestVersion": .integer(1)]),
        ])
        let text = ObjectDescription.render(object, events: [], now: now)
        #expect(text.contains("  Source Job UID:  abc\n"))
        #expect(text.contains("  Latest Version:  1\n"))
    }

    @Test func eventsAreListedOldestFirstWithRepeats() {
        func event(_ reason: String, _ message: String, last: String, first: String, count: Int64) -> JSONValue {
            .object([
                "type": .string("Normal"), "reason": .string(reason), "message": .string(message),
                "lastTimestamp": .string(last), "firstTimestamp": .string(first), "count": .integer(count),
                "source": .object(["component": .string("volcano")]),
            ])
        }
        let text = EventTable.render(
            [
                event("Unschedulable", "0/4 nodes are available", last: "2027-01-15T07:59:50Z", first: "2027-01-15T07:55:00Z", count: 3),
                event("Scheduled", "assigned", last: "2027-01-15T07:50:00Z", first: "2027-01-15T07:50:00Z", count: 1),
            ], now: now)
        #expect(
            text == """
                Events:
                  Type    Reason         Age               From     Message
                  ----    ------         ----              ----     -------
                  Normal  Scheduled      10m               volcano  assigned
                  Normal  Unschedulable  10s (x3 over 5m)  volcano  0/4 nodes are available

                """)
    }

    @Test func eventsSeenAtOneTimeAreListedInTheOrderTheyWereWritten() {
        func event(_ reason: String, resourceVersion: String) -> JSONValue {
            .object([
                "metadata": .object(["name": .string("trainer.\(reason)"), "resourceVersion": .string(resourceVersion)]),
                "type": .string("Normal"), "reason": .string(reason), "message": .string(reason.lowercased()),
                "lastTimestamp": .string("2027-01-15T07:50:00Z"), "firstTimestamp": .string("2027-01-15T07:50:00Z"),
                "source": .object(["component": .string("kubelet")]),
            ])
        }
        // Listed by name, so not in the order they happened; revisions 9 and 10 sort by number.
        let text = EventTable.render(
            [event("Created", resourceVersion: "9"), event("Pulled", resourceVersion: "8"), event("Started", resourceVersion: "10")],
            now: now)
        let reasons = text.split(separator: "\n").dropFirst(3).map { $0.split(separator: " ")[1] }
        #expect(reasons == ["Pulled", "Created", "Started"])
    }
}
