import FermiAPI
import Foundation
import Testing

/// `fermi get` tables: the kinds' columns, as kubectl and the upstream CRDs print them.
@Suite("Printer columns")
struct PrinterColumnTests {
    static let now = try! Date("2026-11-22T12:00:00Z", strategy: .iso8601)

    static func object(_ json: String) throws -> JSONValue {
        try JSONParser.parse(Data(json.utf8))
    }

    @Test func podRowsShowReadinessStatusRestartsAndWideColumns() throws {
        let pod = try Self.object(
            """
            {"metadata": {"name": "trainer-0", "creationTimestamp": "2026-11-22T11:55:00Z"},
             "spec": {"containers": [{"name": "a"}, {"name": "b"}], "nodeName": "gpu-node-3"},
             "status": {"phase": "Running", "podIP": "10.0.0.7", "containerStatuses": [
               {"name": "a", "ready": true, "restartCount": 2},
               {"name": "b", "ready": false, "restartCount": 1, "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}}
            """)
        let rows = ObjectTable(columns: Pod.printerColumns, now: Self.now).rows([pod])
        #expect(rows == [["NAME", "READY", "STATUS", "RESTARTS", "AGE"], ["trainer-0", "1/2", "CrashLoopBackOff", "3", "5m"]])
        let wide = ObjectTable(columns: Pod.printerColumns, wide: true, showNamespace: true, now: Self.now).rows([pod])
        #expect(wide[0] == ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"])
        #expect(wide[1].suffix(4) == ["10.0.0.7", "gpu-node-3", "<none>", "<none>"])
    }

    @Test func nodeStatusAndRolesComeFromConditionsAndLabels() throws {
        let node = try Self.object(
            """
            {"metadata": {"name": "n1", "labels": {"node-role.kubernetes.io/gpu": "", "zone": "a"}},
             "spec": {"unschedulable": true},
             "status": {"conditions": [{"type": "Ready", "status": "True"}], "nodeInfo": {"kubeletVersion": "v1.31.0"}}}
            """)
        let row = ObjectTable(columns: Node.printerColumns, now: Self.now).rows([node])[1]
        #expect(row == ["n1", "Ready,SchedulingDisabled", "gpu", "<none>", "v1.31.0"])
    }

    @Test func jobCompletionsAndDurationFollowItsStatus() throws {
        let job = try Self.object(
            """
            {"metadata": {"name": "pi"}, "spec": {"completions": 3},
             "status": {"succeeded": 3, "startTime": "2026-11-22T11:00:00Z", "completionTime": "2026-11-22T11:01:30Z",
                        "conditions": [{"type": "Complete", "status": "True"}]}}
            """)
        let row = ObjectTable(columns: Job.printerColumns, now: Self.now).rows([job])[1]
        #expect(row == ["pi", "Complete", "3/3", "90s", "<none>"])
    }

    @Test func aKindWithoutColumnsShowsItsAge() throws {
        let flavor = try Self.object(#"{"metadata": {"name": "f", "creationTimestamp": "2026-11-20T12:00:00Z"}}"#)
        #expect(ObjectTable(columns: ResourceFlavor.printerColumns, now: Self.now).rows([flavor]) == [["NAME", "AGE"], ["f", "2d"]])
    }

    @Test func aQueueShowsItsWeightStateGroupsAndGPUs() throws {
        let queue = try Self.object(
            #"""
            {"metadata": {"name": "ai-training", "creationTimestamp": "2026-11-20T12:00:00Z"}, "spec": {"weight": 100},
             "status": {"state": "Open", "inqueue": 1, "pending": 2, "running": 3, "allocated": {"nvidia.com/gpu": "48"}}}
            """#)
        #expect(
            ObjectTable(columns: Queue.printerColumns, now: Self.now).rows([queue])
                == [
                    ["NAME", "WEIGHT", "STATE", "INQUEUE", "PENDING", "RUNNING", "GPUS", "AGE"],
                    ["ai-training", "100", "Open", "1", "2", "3", "48", "2d"],
                ])
    }

    @Test func aJSONPathColumnJoinsSeveralValuesAndMarksAbsentOnes() throws {
        let column = PrinterColumn("Images", jsonPath: ".spec.containers[*].image")
        let object = try Self.object(#"{"spec": {"containers": [{"image": "a"}, {"image": "b"}]}}"#)
        #expect(column.value(of: object, now: Self.now) == "a,b")
        #expect(column.value(of: .object([:]), now: Self.now) == "<none>")
        #expect(column.header == "IMAGES")
    }
}
